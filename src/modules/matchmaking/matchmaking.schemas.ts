import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/organisation.ts';

export const partnersBody = z
  .object({
    text: z.string().max(20_000).optional().describe('the project idea, in French or English'),
    keywords: z.array(z.string().max(200)).max(50).optional(),
    networks: z
      .array(z.string())
      .max(20)
      .optional()
      .describe(
        'networks (slugs) of the idea: members get the same-network signal; default: the call’s, else the consortium’s',
      ),
    kinds: z
      .array(z.enum(ORGANISATION_KINDS))
      .max(8)
      .optional()
      .describe('wanted partner kinds (others are left out)'),
    consortium: z
      .array(z.number().int().positive())
      .max(50)
      .optional()
      .describe(
        'organisations already in the consortium (never recommended; the first is taken as coordinator)',
      ),
    callId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('the call whose eligibility rules the consortium must meet'),
    noveltyWeight: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('0: favour proven partners; 1: favour organisations with few projects (default 0.1)'),
    limit: z.number().int().min(1).max(100).default(10),
  })
  .refine(
    (b) => (b.text?.trim() ?? '') !== '' || (b.keywords?.length ?? 0) > 0 || (b.consortium?.length ?? 0) > 0,
    {
      message: 'give a text, keywords or a consortium',
      path: ['text'],
    },
  );

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const profileQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const similarQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });
