/**
 * `?expand=` of the list and retrieve routes: a comma-separated string of camelCase relation names
 * (docs.pelcro.com; REFERENCE). Spaces around names and empty entries are ignored.
 */
import { EXPAND_NAMES, laravel, type ExpandName } from '../../../contracts/pelcro/schemas';
import type { Input } from './input';
import type { ErrorBag } from './validation';

/** The names asked for; an unknown name or a value that is no string is recorded in `bag`. */
export function readExpand(input: Input, bag: ErrorBag): Set<ExpandName> {
  const names = new Set<ExpandName>();
  const raw = input.expand;
  if (raw === undefined || raw === null) return names;
  if (typeof raw !== 'string') {
    // `expand[]=…` or a JSON list: Laravel's `string` rule text.
    bag.add('expand', laravel.string('expand'));
    return names;
  }
  const unknown: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    if ((EXPAND_NAMES as readonly string[]).includes(name)) names.add(name as ExpandName);
    else unknown.push(name);
  }
  if (unknown.length === 0) return names;
  // The `in` rule's text plus the names that are valid: a **guess** (docs/fidelity/pelcro.md).
  bag.add('expand', `${laravel.invalid('expand')} Unknown: ${unknown.join(', ')}. Valid values: ${EXPAND_NAMES.join(', ')}.`);
  return new Set();
}
