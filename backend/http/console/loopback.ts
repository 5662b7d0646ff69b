import { isIP } from 'node:net';
import type { Request } from 'express';

/** Host names that can only mean this machine; plain http to them is as private as the machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname.toLowerCase());

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x; anything else (a name, `unknown`, a public address) is not. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  const v4 = bare.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(bare) === 6 && (bare === '::1' || bare === '0:0:0:0:0:0:0:1');
}

/**
 * Whether the request comes from a program on this machine: the socket's peer is loopback, and any
 * client a proxy names (`Forwarded: for=`, `X-Forwarded-For`, `X-Real-IP`) is loopback too.
 */
export function fromLoopbackClient(req: Request): boolean {
  const named = [
    ...headerList(req.headers['x-forwarded-for']),
    ...headerList(req.headers['x-real-ip']),
    ...[
      ...headerList(req.headers.forwarded)
        .join(',')
        .matchAll(/for=("[^"]*"|[^;,\s]*)/gi),
    ].map((m) => m[1]!.replace(/"/g, '')),
  ];
  return isLoopbackAddress(req.socket.remoteAddress ?? '') && named.every(isLoopbackAddress);
}

function headerList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}
