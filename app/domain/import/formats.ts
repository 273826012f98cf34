// Which platform and vintage a file is, from its headers alone.
import { indiegogo } from "./indiegogo";
import { kickstarter } from "./kickstarter";
import { gamefound } from "./mapped";
import type { Platform, PlatformFormat } from "./record";

export const FORMATS: PlatformFormat[] = [kickstarter, indiegogo, gamefound];

export function detectFormat(headers: string[], formats = FORMATS): { format: PlatformFormat; vintage: string } | null {
  for (const format of formats) {
    const vintage = format.detect(headers);
    if (vintage) return { format, vintage };
  }
  return null;
}

export function formatFor(platform: Platform): PlatformFormat | undefined {
  return FORMATS.find((format) => format.platform === platform);
}
