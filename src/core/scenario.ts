import { z } from 'zod';
import defaultScenarioJson from '../../seeds/default.json' with { type: 'json' };

/**
 * A named scenario (a file in `seeds/`): how many records each provider seeds, plus hand-written
 * fixtures that are added after the generated ones. Fixtures are parsed by the provider's own
 * schema when its base data is built, so a bad fixture fails loudly at start.
 */
const ProviderScenario = z
  .object({
    customers: z.number().int().min(0).max(100_000).default(50),
    fixtures: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict();

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. CL');

/**
 * Piriod's workspaces have a country (it decides whose tax ids are required): `country` for every
 * workspace (default Chile), `workspaces` for the ones that differ, by id (`acc_…`).
 */
const PiriodScenario = ProviderScenario.extend({
  country: CountryCode.default('CL'),
  workspaces: z.record(z.string().min(1), z.object({ country: CountryCode }).strict()).default({}),
}).strict();

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    piriod: PiriodScenario.default({ customers: 50, fixtures: [], country: 'CL', workspaces: {} }),
    pelcro: ProviderScenario.default({ customers: 50, fixtures: [] }),
  })
  .strict();

/** A scenario once read: every default filled in. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written (a file in `seeds/`, or `createMock({ scenario })`): counts and fixtures optional. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ProviderScenario = z.infer<typeof ProviderScenario>;

export const defaultScenario: Scenario = ScenarioSchema.parse(defaultScenarioJson);
