// What a REST route handler receives: the request as types.ts describes it, plus the simulator's
// state and the base URL that links in response bodies are built from.
import type { RestOutcome, RestRequest, SimulatorState } from '../types.js';

export interface RestCall extends RestRequest {
  state: SimulatorState;
  /** "http://127.0.0.1:PORT" or "http://127.0.0.1:PORT/api/v3": the prefix the request came in on. */
  apiBase: string;
  /** The request's Accept header, lower-cased ('' when absent). */
  accept: string;
  /** The request's If-None-Match header ('' when absent): a conditional request. */
  ifNoneMatch?: string;
}

export type RouteHandler = (call: RestCall, params: Record<string, string>) => RestOutcome;
