/**
 * The admin policy file's shape. Strict objects: a misspelt switch is an error the admin
 * hears about, not a rule silently left off.
 */
import { z } from 'zod';
import { TRANSPORTS } from '../../shared/uri';

/** Room for the 'managed-' prefix within the contract's 64-character ids. */
const adminId = z.string().min(1).max(56).regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, _ and -');

const managedConnection = z.strictObject({
  id: adminId,
  name: z.string().trim().min(1, 'a managed connection needs a name').max(200),
  uri: z.string().trim().min(1).max(4096),
  autoconnect: z.boolean().default(false),
  reconnect: z.boolean().default(true),
});

const rules = z.strictObject({
  forbidExtTransport: z.boolean().default(false),
  forbidNoVerify: z.boolean().default(false),
  requireKnownHostKey: z.boolean().default(false),
  forbidNewConnections: z.boolean().default(false),
  allowedUris: z.array(z.string().trim().min(1).max(4096)).max(1000).optional(),
  allowedTransports: z.array(z.enum(TRANSPORTS, `a transport is one of ${TRANSPORTS.join(', ')}`)).max(TRANSPORTS.length).optional(),
});

export const policyFileSchema = z
  .strictObject({
    version: z.literal(1, 'this Virtdeck reads policy files of version 1'),
    connections: z.array(managedConnection).max(1000).default([]),
    policy: rules.default({ forbidExtTransport: false, forbidNoVerify: false, requireKnownHostKey: false, forbidNewConnections: false }),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    for (const [index, connection] of doc.connections.entries()) {
      if (seen.has(connection.id)) ctx.addIssue({ code: 'custom', path: ['connections', index, 'id'], message: `duplicate id '${connection.id}'` });
      seen.add(connection.id);
    }
  });

export type PolicyFile = z.infer<typeof policyFileSchema>;

/** The first thing the schema disliked, with where it is. */
export function describeSchemaIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'rejected';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}
