import { z } from 'zod';
import { emailSchema } from '../../domain/values.js';

/** PUT /integration/vendor: step 1. */
export const setVendorBody = z.strictObject({
  vendor: z.enum(['GOOGLE_CALENDAR']),
  /** Who is emailed when the integration fails and when it recovers. */
  ownerEmail: emailSchema,
});

/** PUT /integration/method: step 2. */
export const setMethodBody = z.strictObject({
  method: z.enum(['DOMAIN_WIDE', 'PER_USER']),
});

/** POST /integration/install/confirm: step 3 takes no input (an empty object or no body). */
export const confirmInstallBody = z.strictObject({}).optional();

/** POST /integration/finalize: step 4 takes no input either (an empty object or no body). */
export const finalizeSetupBody = z.strictObject({}).optional();
