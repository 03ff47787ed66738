import { isDocumentedProvider, openApiDocuments, openApiText } from '../../contracts/openapi/documents';
import { UsageError, parseFlags, type Command } from './usage';

const names = Object.keys(openApiDocuments);

const help = `Usage: understudy openapi --provider ${names.join('|')}

Prints the provider's OpenAPI 3.1 document (the committed contracts/<provider>/openapi.json,
generated from the Zod schemas by "npm run openapi") to standard output.

Options:
  --provider P   ${names.join(' | ')} (required)
  -h, --help     show this help`;

export const openapiCommand: Command = {
  help,
  async run(io) {
    const values = parseFlags(io.args, { provider: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const provider = values.provider;
    if (provider === undefined) throw new UsageError(`--provider is required (${names.join(' or ')})`);
    if (!isDocumentedProvider(provider)) {
      throw new UsageError(`--provider must be one of ${names.join(', ')}, got "${provider}"`);
    }
    // io.out adds the newline the file ends with.
    io.out(openApiText(provider).slice(0, -1));
    return 0;
  },
};
