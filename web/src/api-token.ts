/** The write token (the server's API_TOKEN), kept for the session (session-value.ts). */
import { sessionValue } from './session-value.js';

const token = sessionValue('policy-graph.apiToken');

export const readApiToken = (): string => token.read();
export const saveApiToken = (value: string): void => token.save(value);
