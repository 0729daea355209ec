/** Placeholder values (`{customer}`, `{invoice}`...) drawn per issue, and filling them into catalog texts. */
import type { Random } from '../random';

/** The day the demo data is anchored to (dates are offsets from it), so every run yields the same dates. */
export const ANCHOR_DATE = '2026-01-05';

export const CUSTOMERS = [
  'Northwind Traders', 'Globex Corporation', 'Initech', 'Umbrella Health', 'Acme Logistics', 'Stark Retail', 'Wayne Foods',
  'Hooli', 'Vandelay Industries', 'Soylent Labs', 'Tyrell Analytics', 'Cyberdyne Freight', 'Blue Harbor Bank', 'Pied Piper',
  'Oceanic Airlines', 'Monarch Dental', 'Greenleaf Grocers', 'Kestrel Insurance',
] as const;

const CONTACTS = ['Priya', 'Jonas', 'Mei', 'Carlos', 'Fatima', 'Tom', 'Aiko', 'Lena', 'Noah', 'Sofia', 'Ravi', 'Hannah', 'Kwame', 'Ines'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Draws one value for every slot; cheap enough to do per issue, and keeps the draw order fixed. */
export function drawSlots(rng: Random): Record<string, string> {
  const customer = rng.pick(CUSTOMERS);
  const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return {
    customer,
    domain: customer.toLowerCase().replace(/[^a-z]+/g, '') + '.example',
    contact: rng.pick(CONTACTS),
    invoice: String(rng.int(1000, 9999)),
    amount: `${rng.int(19, 4800)}.${rng.pick(['00', '50', '99'])}`,
    currency: rng.pick(['EUR', 'USD', 'GBP', 'CHF']),
    plan: rng.pick(['Starter', 'Team', 'Business', 'Enterprise']),
    paidPlan: rng.pick(['Team', 'Business', 'Enterprise']),
    seats: String(rng.pick([5, 12, 25, 40, 80, 150, 300, 500])),
    month: rng.pick(MONTHS),
    appVersion: rng.pick(['4.12.0', '4.12.1', '4.13.0', '4.13.2', '5.0.0', '5.0.1']),
    iosVersion: rng.pick(['17.6', '18.1', '18.2', '18.3']),
    androidVersion: rng.pick(['13', '14', '15']),
    device: rng.pick(['iPhone 15', 'iPhone 13 mini', 'Pixel 8', 'Galaxy S23', 'iPad Air', 'Galaxy Tab S9']),
    browser: rng.pick(['Chrome 131', 'Firefox 133', 'Safari 18.2', 'Edge 131']),
    os: rng.pick(['macOS 15.2', 'Windows 11', 'Ubuntu 24.04', 'ChromeOS 131']),
    idp: rng.pick(['Okta', 'Microsoft Entra ID', 'Google Workspace', 'OneLogin', 'JumpCloud']),
    endpoint: rng.pick(['/v2/invoices', '/v2/customers/:id', '/v2/exports', '/v2/webhooks', '/v2/reports/usage', '/v2/users/search']),
    httpStatus: rng.pick(['429', '500', '502', '503', '401', '409']),
    n: String(rng.int(2, 45)),
    ms: String(rng.pick([180, 450, 900, 1200, 2500, 4000, 8000])),
    percent: String(rng.int(3, 40)),
    region: rng.pick(['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1']),
    requestId: hex(16),
    time: `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    date: dateFromAnchor(-rng.int(1, 20)),
    feature: rng.pick(['scheduled reports', 'audit log', 'bulk export', 'custom roles', 'usage dashboard', 'saved filters']),
    service: rng.pick(['billing-service', 'auth-gateway', 'sync-worker', 'reports-api', 'notification-hub', 'search-indexer']),
    table: rng.pick(['invoices', 'sessions', 'audit_events', 'sync_jobs', 'usage_records']),
    dependency: rng.pick(['react-router', 'pg', 'openssl', 'jsonwebtoken', 'axios', 'sharp', 'kotlinx.coroutines']),
    flag: rng.pick(['billing-portal-v2', 'offline-sync', 'new-onboarding', 'api-v2-pagination', 'scim-provisioning']),
    pr: String(rng.int(1800, 4200)),
    incident: String(rng.int(2100, 2600)),
    points: String(rng.pick([1, 2, 3, 5, 8, 13])),
  };
}

/** Replaces every `{slot}`; an unknown slot is a catalog bug, so it throws rather than shipping braces. */
export function fill(text: string, slots: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`demo catalog text uses unknown slot {${name}}: ${text}`);
    return value;
  });
}

/** `YYYY-MM-DD`, `days` after the anchor date. */
export function dateFromAnchor(days: number): string {
  return new Date(Date.parse(`${ANCHOR_DATE}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Jira's datetime input format, `hours` after the anchor date's midnight UTC. */
export function dateTimeFromAnchor(hours: number): string {
  return new Date(Date.parse(`${ANCHOR_DATE}T00:00:00Z`) + hours * 3_600_000).toISOString().replace('Z', '+0000');
}
