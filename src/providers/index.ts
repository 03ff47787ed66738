import type { ProviderModule } from '../core/provider';
import type { ProviderName } from '../core/options';
import { piriod } from './piriod';
import { pelcro } from './pelcro';

export const providers: Record<ProviderName, ProviderModule> = { piriod, pelcro };
