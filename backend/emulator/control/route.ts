/** Control routes answer like the APIs do: JSON, Google-shaped errors, never a crash. */
import type { Request, RequestHandler, Response } from 'express';
import { sendError } from '../http.js';

export const CONTROL_PREFIX = '/emulator/v1';

export function controlRoute(handler: (req: Request, res: Response) => unknown): RequestHandler {
  return async (req, res) => {
    try {
      const result = await handler(req, res);
      if (!res.headersSent) {
        if (result === undefined) res.status(204).end();
        else res.json(result);
      }
    } catch (error) {
      sendError(res, error);
    }
  };
}

export const pathParam = (req: Request, name: string): string => String((req.params as Record<string, string>)[name]);
