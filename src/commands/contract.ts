import type { Command } from './usage';

// Placeholder until the contract suites land.
export const contractCommand: Command = {
  summary: 'check a deployment (or the mock) against a provider\'s contract',
  help: 'Usage: understudy contract --provider piriod|pelcro --base-url URL --token T',
  async run(io) {
    io.err('not implemented yet');
    return 1;
  },
};
