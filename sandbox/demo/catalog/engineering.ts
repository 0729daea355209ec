/** The DEV engineering backlog: epics, bugs, stories, tasks, sub-tasks, and what engineers comment. */
import type { IssueTemplate, Topic } from './types';

export interface EpicTemplate {
  summary: string;
  topic: Topic;
  goal: string;
  outcomes: readonly string[];
}

export const EPICS: readonly EpicTemplate[] = [
  { summary: 'Self-serve billing portal', topic: 'billing', goal: 'Let admins change plans, seats and payment methods without talking to support.', outcomes: ['Plan changes without a ticket', 'Invoices downloadable as PDF', 'Fewer billing tickets in SUP'] },
  { summary: 'SSO and SCIM hardening', topic: 'login', goal: 'Make SSO sign-in and SCIM provisioning reliable for enterprise identity providers.', outcomes: ['No sign-in loops after certificate rotation', 'Deprovisioning ends sessions at once', 'SCIM conformance tests green'] },
  { summary: 'Mobile offline mode', topic: 'mobile', goal: 'Work offline on iOS and Android and sync without losing edits.', outcomes: ['Offline edits survive reconnects', 'Conflicts resolved or shown to the user', 'Sync under 5 s for 1,000 changes'] },
  { summary: 'Public API v2', topic: 'api', goal: 'Ship a consistent, cursor-paginated public API with signed webhooks.', outcomes: ['Stable cursors', 'Documented rate limits', 'Webhook signatures over raw bytes'] },
  { summary: 'Observability for payment flows', topic: 'billing', goal: 'See every payment, refund and retry end to end.', outcomes: ['Traces across billing-service and gateway', 'Alerts on refund backlog', 'Dashboards for finance'] },
  { summary: 'Accessibility fixes (WCAG 2.2 AA)', topic: 'platform', goal: 'Close the gaps found in the external accessibility audit.', outcomes: ['Keyboard navigation everywhere', 'Contrast ratios ≥ 4.5:1', 'Screen reader labels on charts'] },
  { summary: 'Onboarding revamp', topic: 'account', goal: 'Get new workspaces to their first report in under ten minutes.', outcomes: ['Guided setup checklist', 'Sample data', 'Invite flow that does not bounce'] },
  { summary: 'Dashboard under one second', topic: 'platform', goal: 'Bring p95 dashboard load under one second in every region.', outcomes: ['Query plans reviewed', 'Caching for usage aggregates', 'Performance budget in CI'] },
  { summary: 'Data export and retention controls', topic: 'account', goal: 'Give admins full exports and configurable retention.', outcomes: ['Full workspace export', 'Retention policies per data type', 'Deletion audit trail'] },
];

export const ENGINEERING_TEMPLATES: readonly IssueTemplate[] = [
  // Bugs
  { type: 'Bug', topic: 'login', summary: 'Race condition in session refresh drops the auth cookie', context: 'Two tabs refreshing the session at the same time can both rotate the refresh token; the loser writes an empty cookie and the user is signed out.', steps: ['Open the app in two tabs', 'Wait for the access token to expire', 'Focus both tabs within a second'], expected: 'Both tabs stay signed in.', actual: 'One tab signs the user out.', log: true, labels: ['backend', 'customer-impact'] },
  { type: 'Bug', topic: 'billing', summary: 'Invoice PDF uses the wrong currency symbol for {currency}', context: 'The PDF renderer formats totals with a hard-coded locale, so {currency} amounts show `$`.', log: true, labels: ['backend', 'regression'] },
  { type: 'Bug', topic: 'billing', summary: 'Duplicate charge when the payment gateway times out', context: '`{service}` retries a charge after a {ms} ms timeout without an idempotency key, so a slow gateway answer leads to two charges.', log: true, expected: 'A retried charge reuses the idempotency key.', actual: 'Each retry creates a new charge.', labels: ['backend', 'payments', 'customer-impact'] },
  { type: 'Bug', topic: 'billing', summary: 'Refund job stuck in pending_settlement for {n} invoices', context: 'The refund reconciler skips invoices whose gateway state is `pending_settlement`, so they never complete.', log: true, labels: ['backend', 'payments'] },
  { type: 'Bug', topic: 'login', summary: 'SAML clock skew tolerance ignored in {service}', context: 'The configured 300 s clock skew tolerance is not passed to the SAML validator; assertions from {idp} fail when clocks drift by more than a few seconds.', log: true, labels: ['backend', 'sso'] },
  { type: 'Bug', topic: 'login', summary: 'SameSite=None cookie set without Secure on staging', context: 'Staging serves the session cookie with `SameSite=None` but no `Secure`, so {browser} drops it.', log: true, labels: ['backend', 'security'] },
  { type: 'Bug', topic: 'mobile', summary: 'Crash on resume when SyncFragment is detached (Android)', context: 'Crashlytics: {n} crashes per day on {appVersion}. `SyncFragment.onResume` touches the context after the fragment was detached.', log: true, labels: ['android', 'crash'] },
  { type: 'Bug', topic: 'mobile', summary: 'iOS launch crash in SessionStore.refresh on {appVersion}', context: 'Force-unwrap on a missing keychain item crashes the app at launch for users who restored from an unencrypted backup.', log: true, labels: ['ios', 'crash', 'customer-impact'] },
  { type: 'Bug', topic: 'mobile', summary: 'Offline edits lost when the sync queue exceeds 500 items', context: 'The sync queue is capped at 500 items and silently drops the oldest edits.', expected: 'Edits are kept until synced.', actual: 'Oldest edits vanish.', labels: ['mobile', 'data-loss'] },
  { type: 'Bug', topic: 'api', summary: 'Cursor pagination repeats items on {endpoint}', context: 'Cursors encode an offset instead of the last seen sort key, so concurrent inserts shift pages.', log: true, labels: ['backend', 'api'] },
  { type: 'Bug', topic: 'api', summary: 'Webhook signatures computed over re-serialized JSON', context: 'We sign `JSON.stringify(payload)` but send the original bytes; payloads with unicode escapes fail verification.', log: true, labels: ['backend', 'webhooks', 'security'] },
  { type: 'Bug', topic: 'api', summary: 'Rate limiter counts OPTIONS preflight requests', context: 'CORS preflights count against the per-token limit, halving the effective limit for browser clients.', labels: ['backend', 'api'] },
  { type: 'Bug', topic: 'platform', summary: 'Sequential scan on {table} slows the dashboard to {ms} ms', context: 'The dashboard query on `{table}` no longer uses the tenant index after the last migration.', log: true, labels: ['performance', 'database'] },
  { type: 'Bug', topic: 'platform', summary: 'Chart tooltips not reachable by keyboard', context: 'Tooltips on usage charts appear only on hover; keyboard and screen reader users cannot read values.', labels: ['frontend', 'accessibility'] },
  { type: 'Bug', topic: 'account', summary: 'Invitation emails bounce for plus-addressed recipients', context: 'Addresses like `name+team@{domain}` are URL-encoded twice in the invite link and the mail provider rejects them.', log: true, labels: ['backend', 'email'] },
  { type: 'Bug', topic: 'platform', summary: 'Flaky test: {service} integration suite times out in CI', context: 'The {service} integration suite fails in about {percent}% of CI runs with a timeout waiting for the test database.', labels: ['flaky-test', 'ci'] },
  { type: 'Bug', topic: 'platform', summary: 'Memory leak in {service} after config reload', context: 'Each config reload registers a new listener without removing the old one; memory grows until the pod restarts.', log: true, labels: ['backend', 'reliability'] },

  // Stories
  { type: 'Story', topic: 'billing', summary: 'As an admin, I can change my plan from the billing page', context: 'Admins today must open a ticket to change plans.', notes: ['Upgrades take effect at once, prorated', 'Downgrades take effect at renewal', 'Confirmation email to all billing contacts'], notesTitle: 'Acceptance criteria', labels: ['frontend', 'backend'] },
  { type: 'Story', topic: 'billing', summary: 'As a finance user, I can download all invoices for a year as a ZIP', context: 'Finance teams ask support for invoice copies every quarter.', notes: ['Year picker', 'ZIP of PDFs named by invoice number', 'Works for 500+ invoices'], notesTitle: 'Acceptance criteria', labels: ['frontend'] },
  { type: 'Story', topic: 'login', summary: 'As an admin, I can enforce SSO for my domain', context: 'Enterprise customers need password logins refused for their domain.', notes: ['Toggle under Security → SSO', 'Break-glass admin keeps password login', 'Audit log entry on change'], notesTitle: 'Acceptance criteria', labels: ['security', 'enterprise'] },
  { type: 'Story', topic: 'login', summary: 'As a user, I see which device a session belongs to', context: 'Users want to recognise and end old sessions.', notes: ['Device, browser and last seen time', 'End one or all other sessions'], notesTitle: 'Acceptance criteria', labels: ['security', 'frontend'] },
  { type: 'Story', topic: 'mobile', summary: 'As a mobile user, I can keep working offline', context: 'Field teams lose connectivity for hours.', notes: ['Read cached items offline', 'Queue edits offline', 'Show sync status'], notesTitle: 'Acceptance criteria', labels: ['mobile', 'offline-sync'] },
  { type: 'Story', topic: 'mobile', summary: 'As a mobile user, I am told about sync conflicts', context: 'Conflicting offline edits are merged silently today.', notes: ['Conflict banner on the item', 'Choose mine, theirs or merge'], notesTitle: 'Acceptance criteria', labels: ['mobile', 'ux'] },
  { type: 'Story', topic: 'api', summary: 'As an integrator, I can page through {endpoint} with stable cursors', context: 'Integrations need to read everything exactly once.', notes: ['Opaque cursor based on sort key', '`limit` up to 100', 'Documented in the API reference'], notesTitle: 'Acceptance criteria', labels: ['api'] },
  { type: 'Story', topic: 'api', summary: 'As an integrator, I can replay failed webhook deliveries', context: 'After an outage on their side, integrators want the events they missed.', notes: ['Replay from the webhook settings page', 'Replay by time range via API', 'Deliveries keep their original ids'], notesTitle: 'Acceptance criteria', labels: ['api', 'webhooks'] },
  { type: 'Story', topic: 'account', summary: 'As an admin, I can set retention for audit events', context: 'Regulated customers need to keep audit events for seven years; others want 90 days.', notes: ['Retention from 90 days to 7 years', 'Deletion runs nightly', 'Deletion is itself audited'], notesTitle: 'Acceptance criteria', labels: ['compliance'] },
  { type: 'Story', topic: 'account', summary: 'As a new admin, I get a setup checklist', context: 'New workspaces stall before inviting anyone.', notes: ['Invite teammates', 'Connect SSO', 'Create the first report'], notesTitle: 'Acceptance criteria', labels: ['onboarding', 'ux'] },
  { type: 'Story', topic: 'platform', summary: 'As a user, the dashboard loads in under a second', context: 'p95 dashboard load is {ms} ms in {region}.', notes: ['p95 < 1 s in every region', 'No regression in CI performance budget'], notesTitle: 'Acceptance criteria', labels: ['performance'] },
  { type: 'Story', topic: 'platform', summary: 'As a keyboard user, I can operate every chart', context: 'Found in the accessibility audit.', notes: ['Focusable data points', 'Values announced by screen readers', 'Visible focus ring'], notesTitle: 'Acceptance criteria', labels: ['accessibility', 'frontend'] },

  { type: 'Story', topic: 'platform', summary: 'As an admin, I can configure {feature} per team', context: '{customer} and others on the {plan} plan ask for {feature} settings per team rather than per workspace.', notes: ['Team-level override of the workspace default', 'Inherited when a team has no override', 'Shown in the audit log'], notesTitle: 'Acceptance criteria', labels: ['enterprise', 'frontend'] },
  { type: 'Story', topic: 'platform', summary: 'As a user, I am notified about {feature} failures', context: 'Failures of {feature} are only visible in the admin logs today.', notes: ['In-app notification', 'Email digest option', 'Link to the failed run'], notesTitle: 'Acceptance criteria', labels: ['notifications', 'ux'] },
  { type: 'Story', topic: 'account', summary: 'As an admin, I can copy {feature} settings to another workspace', context: 'Customers with several workspaces, like {customer}, set up {feature} by hand in each one.', notes: ['Pick the target workspace', 'Preview what will change', 'Entry in both audit logs'], notesTitle: 'Acceptance criteria', labels: ['exports'] },
  { type: 'Story', topic: 'mobile', summary: 'As a mobile user, I can use {feature} on my phone', context: '{feature} is web-only; {n}% of weekly active users are on mobile.', notes: ['Parity with the web for viewing', 'Editing behind flag `{flag}`'], notesTitle: 'Acceptance criteria', labels: ['mobile'] },
  { type: 'Story', topic: 'api', summary: 'As an integrator, I can subscribe to {feature} events by webhook', context: 'Integrations poll `{endpoint}` every minute to detect {feature} changes.', notes: ['Event type documented', 'Signed like every other webhook', 'Replayable'], notesTitle: 'Acceptance criteria', labels: ['api', 'webhooks'] },
  { type: 'Story', topic: 'billing', summary: 'As a billing admin, I get a {currency} invoice in my local format', context: 'Invoices render every currency with US formatting.', notes: ['Locale-aware number format', 'Correct currency symbol', 'Tax ID shown per country rules'], notesTitle: 'Acceptance criteria', labels: ['billing', 'i18n'] },
  { type: 'Story', topic: 'login', summary: 'As an admin, I can require 2FA for the {plan} workspace', context: 'Security reviews at {customer} require enforced two-factor authentication.', notes: ['Grace period of 7 days', 'Users without 2FA are prompted at sign-in', 'Admins see who has not enrolled'], notesTitle: 'Acceptance criteria', labels: ['security'] },

  // Tasks
  { type: 'Task', topic: 'platform', summary: 'Upgrade Node.js to 22 LTS in CI images', context: 'Node 20 leaves active LTS; our CI images and Dockerfiles still pin it.', notes: ['Bump base images', 'Run the full test matrix', 'Update `.nvmrc`'], notesTitle: 'Checklist', labels: ['tech-debt', 'ci'] },
  { type: 'Task', topic: 'platform', summary: 'Bump {dependency} to the latest major version', context: 'Renovate opened a major upgrade of `{dependency}`; the changelog lists breaking changes we need to check.', labels: ['dependencies', 'tech-debt'] },
  { type: 'Task', topic: 'platform', summary: 'Add an index on {table}(tenant_id, created_at)', context: 'Needed by the dashboard and export queries.', log: true, labels: ['database', 'performance'] },
  { type: 'Task', topic: 'platform', summary: 'Remove feature flag {flag}', context: 'The `{flag}` flag has been at 100% for a month; remove it and the dead code path.', labels: ['tech-debt', 'cleanup'] },
  { type: 'Task', topic: 'platform', summary: 'Set up alerts for {service} error rate', context: 'We learnt about the last {service} incident from customers. Alert when the error rate exceeds {percent}% for five minutes.', log: true, labels: ['observability', 'on-call'] },
  { type: 'Task', topic: 'platform', summary: 'Write runbook for {service} failover to {region}', context: 'Failover is done by hand and only two people know how.', notes: ['Preconditions', 'Step-by-step commands', 'How to fail back'], notesTitle: 'Outline', labels: ['documentation', 'on-call'] },
  { type: 'Task', topic: 'billing', summary: 'Add idempotency keys to gateway calls in {service}', context: 'Prerequisite for safe retries of charges and refunds.', labels: ['backend', 'payments'] },
  { type: 'Task', topic: 'login', summary: 'Rotate the SAML signing certificate before it expires', context: 'Our SP signing certificate expires on {date}; customers with pinned metadata need notice.', notes: ['Generate a new certificate', 'Publish metadata with both certificates', 'Notify enterprise admins'], notesTitle: 'Checklist', labels: ['security', 'sso'] },
  { type: 'Task', topic: 'api', summary: 'Document the rate limit headers in the API reference', context: 'Integrators keep asking support how to read `Retry-After` and the quota headers.', labels: ['documentation', 'api'] },
  { type: 'Task', topic: 'mobile', summary: 'Enable crash reporting symbols upload for {appVersion}', context: 'iOS crash reports for {appVersion} are not symbolicated.', labels: ['mobile', 'ci'] },
  { type: 'Task', topic: 'account', summary: 'Spike: evaluate SCIM 2.0 conformance test suite', context: 'Time-boxed to two days: can we run an external conformance suite against staging?', labels: ['spike', 'scim'] },
  { type: 'Task', topic: 'platform', summary: 'Investigate p99 latency spikes in {region}', context: 'p99 latency jumps to {ms} ms every hour on the hour in {region}.', log: true, labels: ['performance', 'investigation'] },
];

/** Sub-task summaries under a story, task or bug. */
export const ENGINEERING_SUBTASKS: readonly string[] = [
  'Write migration for the new column on {table}',
  'Add regression test',
  'Update API reference',
  'Implement UI behind flag {flag}',
  'Backend endpoint and validation',
  'Add metrics and dashboard panel',
  'QA on {device}',
  'Code review follow-ups',
  'Update help article and release notes',
];

/** What engineers write on the backlog. */
export const ENGINEERING_COMMENTS: readonly string[] = [
  'PR is up: [#{pr}](https://git.example.com/acme/platform/pull/{pr}). Reviews welcome.',
  'Added a regression test in `{service}/test/regression.test.ts`.',
  'I can pick this up after the release freeze.',
  'Profiling shows most of the time in `serializeRows`; the query itself takes {ms} ms.',
  'Needs a design review before we start — adding it to Thursday\'s agenda.',
  'Reproduced locally on {os} with {browser}.',
  'Blocked until the gateway sandbox is back up.',
  'Merged and deployed to staging. **Please verify** before we promote.',
  'Support has {n} tickets about this; raising priority.',
  'Split the remaining work into sub-tasks.',
  'The fix is behind `{flag}`; rolling out to {percent}% first.',
  'Root cause: we retried without an idempotency key. Details in the post-mortem: [incident #{incident}](https://wiki.example.com/eng/incidents/{incident}).',
  'Estimated at {points} points after refinement.',
  'Closing the loop: verified in production, error rate back to baseline.',
];
