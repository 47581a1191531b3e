import { CONFIG_VARIABLES, type ConfigVariable } from './dure-config.js';

const HEADER = `# Every environment variable of the Dure server, with its default and what it does.
# Generated from CONFIG_VARIABLES in libs/common/src/config/dure-config.ts by \`npm run env:example\`;
# a test fails when this file is out of date, so edit the table there, not this file.
# Dure reads only the process environment: copy this file to .env, uncomment what you change, and
# export it (\`set -a; . ./.env; set +a\`) or give it to Docker Compose as an env_file.
# A commented line shows the default; an empty value means unset.
`;

/** The text of `.env.example`: per variable, its description (with its bounds) and its default, commented out. */
export function renderEnvExample(): string {
  const sections = Object.entries<ConfigVariable>(CONFIG_VARIABLES).map(([name, variable]) => {
    const notes = [variable.description];
    if (variable.min !== undefined) notes.push(`Integer, ${variable.min}${variable.max === undefined ? ' or more' : `–${variable.max}`}.`);
    if (variable.defaultNote) notes.push(`Default: ${variable.defaultNote}.`);
    return `# ${notes.join(' ')}\n# ${name}=${variable.default ?? ''}\n`;
  });
  return [HEADER, ...sections].join('\n');
}
