import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a report as `index.html` in `outDir` (created if needed). The file is written
 * under a temporary name and renamed, so a reader never sees half a report.
 * @returns The path of the written file.
 */
export async function writeReport(outDir: string, report: { html: string }): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'index.html');
  const tmp = join(outDir, `.index.html.${process.pid}.tmp`);
  await writeFile(tmp, report.html, 'utf8');
  await rename(tmp, file);
  return file;
}
