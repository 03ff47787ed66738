/**
 * The `actions` block of DRF's OPTIONS answer (rest_framework/metadata.py, SimpleMetadata
 * `get_serializer_info` / `get_field_info`, DRF 3.15), derived from the same schemas that validate
 * and document the customer: the response schema gives the serializer's fields and their order, the
 * write schema the writable ones. Each field's description is what `get_field_info` prints for the
 * serializer field the schema stands for (`label_lookup`): CharField `string`, EmailField `email`,
 * URLField `url`, ChoiceField `choice` with its `choices`, DictField `nested object` with its
 * `child`, DateTimeField `datetime`, a nested serializer `nested object` with `children`, a
 * `many=True` one `field` with a `child`.
 */
import { z } from 'zod';
import { COUNTRIES } from './reference';
import { CONTACT_WRITE_FIELDS, Contact, ContactCreate, Customer, CustomerCreate, CUSTOMER_WRITE_FIELDS, DateTime } from './schemas';

type Json = { [key: string]: unknown };
export type FieldInfo = { [key: string]: unknown };

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Json;
const DATETIME_PATTERN = jsonSchema(DateTime).pattern;

/** Field.bind's default label: `field_name.replace('_', ' ').capitalize()`. */
function label(name: string): string {
  const text = name.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/** The schema without its `null` alternative (allow_null is not described). */
function nonNull(schema: Json): Json {
  const options = schema.anyOf as Json[] | undefined;
  if (options) {
    const rest = options.filter((option) => option.type !== 'null');
    if (rest.length === 1) return { ...schema, ...rest[0], anyOf: undefined };
    const object = rest.find((option) => option.type === 'object');
    if (object) return object;
  }
  if (Array.isArray(schema.type)) return { ...schema, type: (schema.type as string[]).find((t) => t !== 'null') };
  return schema;
}

/** What a choice is called: a country's name, otherwise the value itself (**guess**: Piriod's display names are not published). */
function displayName(field: string, value: string): string {
  return field === 'country' ? (COUNTRIES.get(value)?.name ?? value) : value;
}

/** get_field_info of one field. `name` is '' for a child field, which gets no label. */
function fieldInfo(name: string, raw: Json, required: boolean, readOnly: boolean): FieldInfo {
  const schema = nonNull(raw);
  const info: FieldInfo = { type: 'field', required, read_only: readOnly };
  if (name !== '') info.label = label(name);
  let extra: FieldInfo = {};
  if (schema.type === 'string') {
    info.type = schema.enum
      ? 'choice'
      : schema.format === 'email'
        ? 'email'
        : schema.format === 'uri'
          ? 'url'
          : schema.pattern === DATETIME_PATTERN
            ? 'datetime'
            : 'string';
    if (typeof schema.maxLength === 'number') info.max_length = schema.maxLength;
    if (schema.enum && !readOnly) {
      extra = { choices: (schema.enum as string[]).map((value) => ({ value, display_name: displayName(name, value) })) };
    }
  } else if (schema.type === 'integer') info.type = 'integer';
  else if (schema.type === 'number') info.type = 'float';
  else if (schema.type === 'boolean') info.type = 'boolean';
  else if (schema.type === 'object' && schema.properties) {
    info.type = 'nested object';
    extra = { children: serializerInfo(schema) };
  } else if (schema.type === 'object') {
    // DictField(child=_UnvalidatedField()): the child is bound without a name.
    info.type = 'nested object';
    extra = { child: { type: 'field', required: true, read_only: false } };
  } else if (schema.type === 'array') {
    const items = nonNull((schema.items as Json) ?? {});
    if (items.type === 'object' && items.properties) {
      // A nested serializer with many=True: a ListSerializer whose child shares its read_only.
      extra = { child: { type: 'nested object', required: false, read_only: readOnly, children: serializerInfo(items) } };
    } else {
      info.type = 'list';
      extra = { child: fieldInfo('', items, true, false) };
    }
  }
  return { ...info, ...extra };
}

/** get_serializer_info of a nested serializer: its own fields are neither read-only nor optional unless declared so. */
function serializerInfo(schema: Json): Record<string, FieldInfo> {
  const required = new Set((schema.required as string[]) ?? []);
  const out: Record<string, FieldInfo> = {};
  for (const [name, field] of Object.entries(schema.properties as Record<string, Json>)) {
    out[name] = fieldInfo(name, field, required.has(name), false);
  }
  return out;
}

/**
 * A serializer's field descriptions, in its field order: every field the API answers with (the
 * response schema's required ones), writable ones described from the write schema.
 */
function serializerFieldInfo(
  readSchema: z.ZodType,
  writeSchema: z.ZodType,
  writeFields: Record<string, { required: boolean }>,
): Record<string, FieldInfo> {
  const read = jsonSchema(readSchema);
  const write = jsonSchema(writeSchema);
  const readRequired = new Set(read.required as string[]);
  const writeProperties = write.properties as Record<string, Json>;
  const out: Record<string, FieldInfo> = {};
  for (const [name, field] of Object.entries(read.properties as Record<string, Json>)) {
    const writable = Object.hasOwn(writeFields, name);
    if (!writable && !readRequired.has(name)) continue;
    out[name] = writable ? fieldInfo(name, writeProperties[name], writeFields[name].required, false) : fieldInfo(name, field, false, true);
  }
  return out;
}

let cached: Record<string, FieldInfo> | undefined;
let cachedContact: Record<string, FieldInfo> | undefined;

/** The customer serializer's description, computed once. */
export function customerFieldInfo(): Record<string, FieldInfo> {
  cached ??= serializerFieldInfo(Customer, CustomerCreate, CUSTOMER_WRITE_FIELDS);
  return cached;
}

/**
 * The contact serializer's description, computed once. `customer` is a PrimaryKeyRelatedField,
 * which label_lookup prints as `field`; DRF would add its choices (every customer) too — left out
 * (**guess**: the mock does not list a workspace's customers in OPTIONS).
 */
export function contactFieldInfo(): Record<string, FieldInfo> {
  if (!cachedContact) {
    cachedContact = serializerFieldInfo(Contact, ContactCreate, CONTACT_WRITE_FIELDS);
    cachedContact.customer = { ...cachedContact.customer, type: 'field' };
  }
  return cachedContact;
}
