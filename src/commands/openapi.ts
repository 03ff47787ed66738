import type { Command } from './usage';

// Placeholder until the OpenAPI generation lands.
export const openapiCommand: Command = {
  summary: 'print a provider\'s OpenAPI 3.1 document',
  help: 'Usage: understudy openapi --provider piriod|pelcro',
  async run(io) {
    io.err('not implemented yet');
    return 1;
  },
};
