/**
 * A versioned deployment of the pushed add-on: `clasp create-version`, then `clasp update-deployment`
 * of ADDON_DEPLOYMENT_ID (the deployment the Marketplace listing points at, so users get the new
 * version) or, without it, `clasp create-deployment` of a new one. The clasp project is .clasp.json,
 * or the file named by clasp_config_project (e.g. .clasp.production.json). Run after push:addon
 * (`npm run deploy:addon` does both).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLASP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/clasp');

/** Runs clasp with JSON output and returns the last JSON object it printed. */
function clasp(args: string[]): Record<string, unknown> {
  let output: string;
  try {
    output = execFileSync(CLASP, ['--json', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`clasp ${args[0]} failed: ${`${stderr ?? ''}${stdout ?? ''}`.trim() || String(error)}`);
  }
  const json = /\{[\s\S]*\}\s*$/.exec(output);
  if (!json) throw new Error(`clasp ${args[0]} printed no JSON: ${output.trim()}`);
  return JSON.parse(json[0]) as Record<string, unknown>;
}

try {
  const description = process.argv[2] ?? `Together add-on ${new Date().toISOString()}`;
  const { versionNumber } = clasp(['create-version', description]);
  if (typeof versionNumber !== 'number') throw new Error('clasp create-version returned no version number');
  const deploymentId = process.env.ADDON_DEPLOYMENT_ID;
  const deployment = deploymentId
    ? clasp(['update-deployment', deploymentId, '--versionNumber', String(versionNumber), '--description', description])
    : clasp(['create-deployment', '--versionNumber', String(versionNumber), '--description', description]);
  console.log(
    `Version ${versionNumber} deployed as ${String(deployment.deploymentId)}${deploymentId ? '' : ' (new: point the Marketplace SDK at it, then set ADDON_DEPLOYMENT_ID for the next deployments)'}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
