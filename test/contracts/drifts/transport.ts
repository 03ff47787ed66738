/**
 * Drifts any HTTP API can show, whatever its provider: a server that hangs or resets the
 * connection on one endpoint, HTML error pages, JSON labelled as something else or sent in another
 * charset, a body cut short. Each factory takes the requests it applies to.
 */
import { hang, type Answer, type Drift } from '../harness';

type Only = (request: Request) => boolean;

/** One endpoint hangs past the run's (short) timeout. */
export function hangsOn(name: string, only: Only): Drift {
  return {
    name,
    options: { timeoutMs: 300 },
    request: async (request) => {
      if (only(request)) await hang(30_000, request.signal);
      return request;
    },
  };
}

/** One endpoint's connection is reset before any answer. */
export function resetOn(name: string, only: Only): Drift {
  return {
    name,
    request: (request) => {
      if (only(request)) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'read ECONNRESET' } });
      return request;
    },
  };
}

/** One endpoint answers the framework's HTML 500 page. */
export function serverErrorOn(name: string, only: Only): Drift {
  return {
    name,
    response: (answer, request) => {
      if (!only(request)) return;
      answer.status = 500;
      answer.json = undefined;
      answer.text =
        '<!doctype html><html lang="en"><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1><p></p></body></html>';
      answer.headers.set('content-type', 'text/html; charset=utf-8');
    },
  };
}

/** One endpoint's body stops halfway (the connection closed mid-body). */
export function truncatedOn(name: string, only: Only): Drift {
  return {
    name,
    response: (answer, request) => {
      if (!only(request) || answer.json === undefined) return;
      const text = JSON.stringify(answer.json);
      answer.json = undefined;
      answer.text = text.slice(0, Math.floor(text.length / 2));
    },
  };
}

/** Every answer with `status` becomes an HTML error page (a proxy or the framework's debug page). */
export function htmlErrorPages(name: string, status: number, page: string): Drift {
  return {
    name,
    response: (answer) => {
      if (answer.status !== status) return;
      answer.json = undefined;
      answer.text = page;
      answer.headers.set('content-type', 'text/html; charset=utf-8');
    },
  };
}

/** Every JSON answer is labelled text/plain. */
export function jsonAsTextPlain(name: string): Drift {
  return {
    name,
    response: (answer) => {
      if (answer.json !== undefined) answer.headers.set('content-type', 'text/plain; charset=utf-8');
    },
  };
}

/** Every JSON answer is encoded in Latin-1 and says so (JSON between systems must be UTF-8). */
export function latin1Bodies(name: string): Drift {
  return {
    name,
    response: (answer: Answer) => {
      if (answer.json === undefined) return;
      const text = JSON.stringify(answer.json);
      answer.bytes = Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
      answer.headers.set('content-type', 'application/json; charset=iso-8859-1');
    },
  };
}

/** 401 answered as 403 (an authorization layer in front of the API, or another framework default). */
export function unauthenticatedAs403(name: string): Drift {
  return { name, response: (answer) => void (answer.status === 401 && (answer.status = 403)) };
}

/** The 405 answers lose their `Allow` header. */
export function noAllowOn405(name: string): Drift {
  return { name, response: (answer) => void (answer.status === 405 && answer.headers.delete('allow')) };
}

/** Reads a request's JSON body (a clone, so the request stays usable). */
export async function jsonBodyOf(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body = JSON.parse(await request.clone().text());
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
  } catch {
    return undefined;
  }
}
