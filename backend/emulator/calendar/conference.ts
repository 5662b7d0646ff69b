/** Google Meet conferences: created `pending` by `conferenceData.createRequest`, `success` after a delay. */
import { invalid } from '../errors.js';
import { newMeetCode, randomToken } from '../ids.js';
import { isRecord, type JsonRecord } from '../json.js';
import type { Conference } from './model.js';

const MEET_SOLUTION = {
  key: { type: 'hangoutsMeet' },
  name: 'Google Meet',
  iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
};

/** What a write asks for: a new conference, removal, or keeping what is there. */
export type ConferenceRequest = { kind: 'create'; requestId: string } | { kind: 'remove' } | { kind: 'keep' };

/** Reads `conferenceData` of a write sent with `conferenceDataVersion=1`. */
export function readConferenceRequest(data: unknown, current: Conference | undefined): ConferenceRequest {
  if (data === undefined || data === null) return { kind: 'remove' };
  if (!isRecord(data) || !isRecord(data.createRequest)) return { kind: 'keep' };
  const request = data.createRequest;
  const solution = isRecord(request.conferenceSolutionKey) ? request.conferenceSolutionKey.type : undefined;
  if (solution !== 'hangoutsMeet') throw invalid('Invalid conference type value.');
  if (typeof request.requestId !== 'string' || request.requestId === '') throw invalid('Invalid conference create request.');
  // A repeated requestId is ignored, as Google does.
  return current?.requestId === request.requestId ? { kind: 'keep' } : { kind: 'create', requestId: request.requestId };
}

export function newConference(requestId: string): Conference {
  return { requestId, status: 'pending', conferenceId: newMeetCode(), signature: randomToken('AG', 40) };
}

/** `conferenceData` (and `hangoutLink`) as events present them. */
export function presentConference(conference: Conference): { conferenceData: JsonRecord; hangoutLink?: string } {
  const createRequest = {
    requestId: conference.requestId,
    conferenceSolutionKey: { type: 'hangoutsMeet' },
    status: { statusCode: conference.status },
  };
  if (conference.status === 'pending') return { conferenceData: { createRequest } };
  const code = conference.conferenceId;
  const pin = String(100_000_000 + (parseInt(code.replace(/-/g, ''), 36) % 900_000_000));
  const video = `https://meet.google.com/${code}`;
  return {
    hangoutLink: video,
    conferenceData: {
      createRequest,
      entryPoints: [
        { entryPointType: 'video', uri: video, label: `meet.google.com/${code}` },
        { entryPointType: 'more', uri: `https://tel.meet/${code}?pin=${pin}`, pin },
        {
          entryPointType: 'phone',
          uri: `tel:+1-929-555-${pin.slice(0, 4)}`,
          label: `+1 929-555-${pin.slice(0, 4)}`,
          pin,
          regionCode: 'US',
        },
      ],
      conferenceSolution: MEET_SOLUTION,
      conferenceId: code,
      signature: conference.signature,
    },
  };
}
