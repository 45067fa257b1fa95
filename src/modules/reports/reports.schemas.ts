import { z } from 'zod';

export const annualParams = z.object({
  network: z
    .string()
    .min(1)
    .max(100)
    .describe('network slug, or "region" for every pole and cluster together'),
  year: z.coerce.number().int().describe('calendar year of the report (the previous year is the comparison)'),
});

export const annualQuery = z.object({
  lang: z.enum(['fr', 'en']).default('fr').describe('language of the labels'),
});
