/**
 * GET /api/v1/core/addresses as a straight line: the query read with AddressListQuery → a plan
 * (the site's live customers, or one of them) → `store.query(plan)` → render.
 */
import { AddressListQuery, LIST_LIMIT } from '../../../../contracts/pelcro/schemas';
import { pageOffset, resolvePage } from '../../../../lib/php/paginator';
import { ErrorBag, toInt } from '../../../../lib/php/validator';
import { failIfInvalid, readSite } from '../input';
import type { Handler } from '../router';
import type { PelcroSandboxes } from '../sandbox';
import { renderAddressList } from './render';

const FIELDS = AddressListQuery.shape;

export function addressListHandler(sandboxes: PelcroSandboxes, publicUrl?: string): Handler {
  return ({ c, token, input }) => {
    const bag = new ErrorBag(Object.keys(FIELDS));
    const siteId = readSite(input, bag);
    let customerId: number | undefined;
    // Its rule is `integer`, without `nullable`: a present null (`customer_id=`, which
    // ConvertEmptyStringsToNull made null) is validated and fails it, as `limit=` does below.
    if (input.customer_id !== undefined) {
      const parsed = FIELDS.customer_id.safeParse(input.customer_id);
      if (parsed.success) customerId = toInt(parsed.data);
      else bag.addIssues(parsed.error.issues, { field: 'customer_id' });
    }
    let limit: number = LIST_LIMIT.default;
    // A present null (`limit=`) is validated, as on the customers' list (../customers/list.ts).
    if (input.limit !== undefined) {
      const parsed = FIELDS.limit.safeParse(input.limit);
      if (parsed.success) limit = toInt(parsed.data);
      else bag.addIssues(parsed.error.issues, { field: 'limit' });
    }
    failIfInvalid(bag);
    const sandbox = sandboxes.sandboxFor({ token, siteId: siteId! }, c);
    const page = resolvePage(input.page);
    const owners = (userId: number) => (customerId === undefined || userId === customerId) && sandbox.customers.get(userId) !== undefined;
    // The site's customers decide which owners are live: their version is in the key (the
    // addresses' own is the store's to check).
    const key = `${sandbox.siteId}:${sandbox.customers.version}:${customerId ?? '*'}`;
    const { records, total } = sandbox.addresses.query({ owners, page: { offset: pageOffset(page, limit), limit }, key });
    return renderAddressList(c, { records, total, page, limit, publicUrl });
  };
}
