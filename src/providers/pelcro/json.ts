/**
 * Pelcro's JSON answers, written as Laravel writes them. A resource, `response()->json()` and the
 * exception handler all answer a JsonResponse, whose json_encode escapes `/` and every character
 * past ASCII (its options default to 0: Illuminate\Http\JsonResponse, JsonResource::jsonOptions).
 * The exception handler alone adds JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES
 * (Illuminate\Foundation\Exceptions\Handler::prepareJsonResponse).
 */
import type { Context } from 'hono';
import { phpEscaped, phpPrettyJson } from '../../../lib/php/json-encode';
import type { CachedPage } from '../../core/page-cache';
import { renderedAnswer } from '../../core/request-context';

/** A JsonResponse's text of `value`, or of the JSON text the mock wrote. */
export function laravelJson(value: unknown): string {
  return phpEscaped(JSON.stringify(value));
}

export function laravelText(json: string): string {
  return phpEscaped(json);
}

/** The text of an exception rendered by the handler for a client that expects JSON. */
export function handlerJson(value: unknown): string {
  return phpPrettyJson(value);
}

/** A JSON answer of a written text (or a kept page), with the app's shared headers. */
export function jsonAnswer(c: Context, status: number, text: string | CachedPage, headers?: Record<string, string>): Response {
  return renderedAnswer(c, status, text, headers ? { 'Content-Type': 'application/json', ...headers } : JSON_TYPE);
}

const JSON_TYPE: Readonly<Record<string, string>> = Object.freeze({ 'Content-Type': 'application/json' });
