/** The SUP support desk's tickets and the replies agents write on them. */
import type { IssueTemplate } from './types';

const SR = 'Support request';

export const SUPPORT_TEMPLATES: readonly IssueTemplate[] = [
  // Billing
  { type: SR, topic: 'billing', summary: 'Refund not received for invoice #{invoice}', context: '**{customer}** asked for a refund of {amount} {currency} on invoice #{invoice} on {date}. The refund shows as issued on our side but has not reached their card.', notes: ['Payment method: corporate Visa', 'Refund reference: `RF-{requestId}`', 'Customer has asked twice already'], log: true, labels: ['refund', 'customer-reported'] },
  { type: SR, topic: 'billing', summary: 'Charged twice for {plan} plan in {month}', context: '{contact} from {customer} sees two identical charges of {amount} {currency} for the {plan} plan on their {month} statement.', steps: ['Open Billing → Invoices for {customer}', 'Filter by {month}', 'Compare the two charges against the gateway dashboard'], expected: 'One charge per billing period.', actual: 'Two charges, a few seconds apart.', log: true, labels: ['billing', 'double-charge'] },
  { type: SR, topic: 'billing', summary: 'Invoice #{invoice} shows the wrong VAT number', context: 'The VAT number printed on invoice #{invoice} is the old one; {customer} updated it in Settings → Billing before the invoice was issued.', expected: 'Invoices use the VAT number on file when they are issued.', actual: 'The invoice carries the number from the previous period.', labels: ['billing', 'invoices'] },
  { type: SR, topic: 'billing', summary: 'Cannot downgrade from {paidPlan} to Starter', context: 'The downgrade button on the plans page stays disabled for {customer}, with no explanation. They are on {paidPlan} with {seats} seats and want to move to Starter at renewal.', notes: ['Starter allows at most 10 seats', 'Customer is fine with removing users first'], labels: ['billing', 'plans'] },
  { type: SR, topic: 'billing', summary: 'Credit card update fails with "card declined" for {customer}', context: 'Updating the card on file fails immediately with **card declined**, although the bank says no attempt reached them.', log: true, labels: ['billing', 'payments'] },
  { type: SR, topic: 'billing', summary: 'Request invoice copies for {month} in PDF', context: '{contact} (finance at {customer}) needs PDF copies of every invoice from {month} for their auditors.', labels: ['invoices'] },
  { type: SR, topic: 'billing', summary: 'Proration on seat upgrade looks wrong ({seats} seats)', context: '{customer} added seats mid-cycle and the prorated amount of {amount} {currency} is higher than the calculator on our pricing page suggests.', notes: ['Upgrade date: {date}', 'Billing period: monthly', 'Seats after upgrade: {seats}'], labels: ['billing', 'proration'] },
  { type: 'Bug', topic: 'billing', summary: 'Invoice PDF renders {currency} amounts with the wrong symbol', context: 'PDF invoices for {currency} customers show the dollar sign in the totals block; the HTML view is correct.', steps: ['Open any {currency} invoice', 'Click **Download PDF**'], expected: 'Totals use the {currency} symbol.', actual: 'Totals use `$`.', labels: ['invoices', 'regression'] },
  { type: 'Task', topic: 'billing', summary: 'Issue credit note for {customer} outage compensation', context: 'Agreed with the account manager: a credit note of {amount} {currency} for {customer} as compensation for incident #{incident}.', notes: ['Approve with finance', 'Apply to the next invoice', 'Tell {contact} when it is done'], notesTitle: 'Checklist', labels: ['credit-note'] },

  // Login
  { type: SR, topic: 'login', summary: 'SSO login loops back to sign-in page for {customer}', context: 'Users at {customer} sign in through {idp}, land back on our sign-in page and start over. It started after they rotated their SAML certificate.', steps: ['Go to the sign-in page', 'Choose **Sign in with SSO**', 'Authenticate at {idp}'], expected: 'The dashboard opens.', actual: 'The sign-in page opens again.', log: true, labels: ['sso', 'customer-reported'] },
  { type: SR, topic: 'login', summary: 'Password reset email never arrives (@{domain})', context: 'Nobody at {domain} receives password reset emails; other emails from us arrive fine. Their mail gateway may be quarantining them.', notes: ['Tried three accounts', 'Spam folders checked', 'SPF/DKIM pass on our side'], labels: ['email', 'password-reset'] },
  { type: SR, topic: 'login', summary: '2FA code rejected after phone change', context: '{contact} at {customer} moved to a new phone and restored the authenticator from backup; every code is rejected as invalid.', labels: ['2fa', 'account-access'] },
  { type: SR, topic: 'login', summary: 'Session expires every few minutes in {browser}', context: 'Users on {browser} ({os}) are logged out after a few minutes of inactivity, although the session timeout is eight hours.', log: true, labels: ['session', 'browser'] },
  { type: 'Bug', topic: 'login', summary: 'SCIM deprovisioning does not revoke active sessions', context: 'When {idp} deprovisions a user through SCIM, the account is deactivated but open browser sessions keep working until they expire.', expected: 'Deprovisioning ends every session at once.', actual: 'Sessions stay valid for up to an hour.', labels: ['security', 'scim'] },
  { type: SR, topic: 'login', summary: 'Enforce SSO for all users at {customer}', context: '{customer} wants to turn on **Enforce SSO** so that password logins are refused for their domain {domain}.', notes: ['Break-glass admin account must keep password login', 'Rollout date: {date}'], labels: ['sso'] },
  { type: SR, topic: 'login', summary: 'Locked out after too many attempts — owner account', context: 'The owner of the {customer} workspace is locked out after failed login attempts and no other admin exists.', labels: ['account-access', 'urgent'] },
  { type: 'Bug', topic: 'login', summary: 'SAML metadata upload rejects certificates with a BOM', context: 'Uploading an {idp} metadata file saved with a UTF-8 byte order mark fails with `Invalid XML`.', log: true, labels: ['sso'] },

  // Mobile
  { type: SR, topic: 'mobile', summary: 'iOS app crashes on launch after update to {appVersion}', context: 'Since updating to {appVersion}, the app closes right after the splash screen on {device} (iOS {iosVersion}).', steps: ['Update to {appVersion}', 'Open the app'], expected: 'The app opens to the inbox.', actual: 'It crashes within a second.', log: true, labels: ['ios', 'crash'] },
  { type: SR, topic: 'mobile', summary: 'Android app does not sync offline changes', context: 'Edits made offline on Android {androidVersion} ({device}) are lost when the device reconnects.', log: true, labels: ['android', 'offline-sync'] },
  { type: SR, topic: 'mobile', summary: 'Push notifications stopped on {device}', context: '{contact} no longer gets push notifications on {device}. Notifications are enabled in the system settings and in the app.', labels: ['push-notifications'] },
  { type: 'Bug', topic: 'mobile', summary: 'Dark mode makes chart labels unreadable in app {appVersion}', context: 'In dark mode the usage chart draws its labels black on dark grey.', labels: ['ui', 'accessibility'] },
  { type: SR, topic: 'mobile', summary: 'Cannot attach photos from the gallery on Android {androidVersion}', context: 'Choosing a photo from the gallery returns to the form without attaching anything.', steps: ['Open a request', 'Tap **Attach**', 'Pick a photo from the gallery'], expected: 'The photo is attached.', actual: 'Nothing happens.', labels: ['android', 'attachments'] },
  { type: SR, topic: 'mobile', summary: 'Mobile app shows "You are offline" on corporate Wi-Fi', context: 'On {customer}\'s office Wi-Fi the app shows the offline banner, while the browser works. They use a TLS-inspecting proxy.', labels: ['network', 'proxy'] },

  // API
  { type: SR, topic: 'api', summary: 'API returns {httpStatus} for {customer} integration', context: '{customer}\'s nightly integration calls `{endpoint}` and has been getting HTTP {httpStatus} since {date}.', log: true, labels: ['api', 'integration'] },
  { type: SR, topic: 'api', summary: 'Webhook deliveries delayed by {n} minutes', context: 'Webhooks for {customer} arrive {n} minutes after the event; usually it is seconds. Their endpoint answers in {ms} ms.', log: true, labels: ['webhooks'] },
  { type: 'Bug', topic: 'api', summary: 'Pagination cursor repeats items on {endpoint}', context: 'Following `next_cursor` on `{endpoint}` returns some items from the previous page again when items are added concurrently.', log: true, expected: 'Each item appears once across pages.', actual: 'About {percent}% of items appear twice.', labels: ['api', 'pagination'] },
  { type: SR, topic: 'api', summary: 'Request higher API rate limit for {customer}', context: '{customer} is migrating {n}k records and hits the rate limit. They ask for a temporary raise for two weeks.', notes: ['Current tier: {plan}', 'Migration window: from {date}'], labels: ['api', 'rate-limit'] },
  { type: SR, topic: 'api', summary: 'API token stopped working after owner left the company', context: 'The integration at {customer} used an API token created by a user who has since been deactivated; every call now answers 401.', labels: ['api', 'tokens'] },
  { type: SR, topic: 'api', summary: 'CSV export via API times out for large workspaces', context: 'Calling `/v2/exports` for {customer} ({seats} seats) times out after {ms} ms with no partial result.', labels: ['api', 'exports'] },
  { type: 'Bug', topic: 'api', summary: 'Webhook signature check fails for payloads with emoji', context: 'Signature verification on the customer side fails when the payload contains emoji: we sign the escaped form and send the raw form.', log: true, labels: ['webhooks', 'security'] },

  // Account and data
  { type: SR, topic: 'account', summary: 'Transfer workspace ownership to {contact}', context: 'The current owner of the {customer} workspace is leaving; {contact} should become the owner.', notes: ['Request confirmed by the current owner by email', 'New owner already has admin rights'], labels: ['account'] },
  { type: SR, topic: 'account', summary: 'Delete all data for a former employee (GDPR)', context: '{customer} asks us to erase the personal data of a former employee under GDPR article 17.', notes: ['Verify the request comes from a workspace admin', 'Erase within 30 days', 'Confirm in writing'], notesTitle: 'Checklist', labels: ['gdpr', 'privacy'] },
  { type: SR, topic: 'account', summary: 'Invitations to @{domain} bounce', context: 'Invitations to addresses at {domain} bounce with a 550 error.', log: true, labels: ['email', 'invitations'] },
  { type: SR, topic: 'account', summary: 'Audit log missing entries for {month}', context: 'The audit log of {customer} has no entries between the 3rd and 5th of {month}; their security team needs them for a review.', labels: ['audit-log'] },
  { type: SR, topic: 'account', summary: 'Add a second billing contact for {customer}', context: 'Please add {contact} as a second billing contact so that invoices go to both addresses.', labels: ['account', 'billing'] },
  { type: 'Task', topic: 'account', summary: 'Prepare data export for {customer} offboarding', context: '{customer} is not renewing. They need a full export of their workspace before {date}.', notes: ['Run the full export', 'Share through an expiring link', 'Schedule deletion 30 days later'], notesTitle: 'Checklist', labels: ['offboarding'] },
  { type: SR, topic: 'account', summary: 'Custom role cannot see shared reports', context: 'A custom role created by {customer} cannot open reports shared with it; admins can.', labels: ['permissions', 'reports'] },

  // Platform-wide
  { type: SR, topic: 'platform', summary: 'Dashboard loads slowly for {customer} ({ms} ms)', context: 'The dashboard of {customer} takes {ms} ms to load in {region}; it used to be under a second.', log: true, labels: ['performance'] },
  { type: 'Task', topic: 'platform', summary: 'Post-incident follow-up for incident #{incident}', context: 'Follow-up actions from incident #{incident} ({service} degraded in {region}).', notes: ['Send the customer-facing summary', 'Update the status page', 'Link the engineering post-mortem'], notesTitle: 'Checklist', log: true, labels: ['incident', 'follow-up'] },
  { type: SR, topic: 'platform', summary: 'Status page did not show the {service} outage', context: '{customer} noticed errors between {time} and an hour later UTC, but our status page stayed green.', labels: ['status-page', 'incident'] },
  { type: 'Task', topic: 'platform', summary: 'Update macro for {feature} questions', context: 'The saved reply for {feature} questions still describes the old settings page.', labels: ['macros', 'knowledge-base'] },
  { type: 'Task', topic: 'platform', summary: 'Write help article: {feature} troubleshooting', context: 'We answered the same {feature} question {n} times last month; a help article would deflect most of them.', notes: ['Cover the three most common errors', 'Add screenshots', 'Link from the in-app help'], labels: ['knowledge-base'] },
  { type: SR, topic: 'platform', summary: 'Feature request: {feature} per team', context: '{customer} ({plan}, {seats} seats) would like {feature} to be configurable per team rather than per workspace.', labels: ['feature-request'] },
  { type: SR, topic: 'platform', summary: 'Scheduled report emails arrive empty', context: 'Scheduled reports for {customer} arrive with an empty table since {date}; running the same report in the app shows data.', labels: ['reports', 'email'] },
];

/** Sub-tasks agents split off a ticket. */
export const SUPPORT_SUBTASKS: readonly string[] = [
  'Confirm the fix with {contact}',
  'Check gateway logs for request {requestId}',
  'Ask {customer} for a HAR file',
  'Update the knowledge base article',
  'Reproduce on staging with {browser}',
  'Get approval from finance',
];

/** What agents write on tickets; some are replies to the customer, some internal notes. */
export const SUPPORT_COMMENTS: readonly string[] = [
  'Hi {contact}, thanks for reaching out. I have passed this to the right team and will update you within one business day.',
  'Could you send us a HAR file of the failing attempt? Here is how: [Capture a HAR file](https://help.example.com/troubleshooting/har).',
  'Reproduced on staging with {browser} on {os}. Looks like the same problem as last week.',
  'Customer confirmed it works again. Keeping this open until the credit note is out.',
  'Escalated to engineering; the root cause is tracked in the engineering backlog.',
  'Refund of {amount} {currency} re-issued through the payment gateway; it should settle in 5–10 business days.',
  'The IdP sends `NameID` as `unspecified` instead of `emailAddress`. Asked {contact} to change it in {idp}.',
  'Waiting for {contact} to reply — sent a reminder today.',
  '**Internal:** this is the third ticket from {customer} this month, flagging it to their account manager.',
  'Workaround shared: sign out of all sessions, clear cookies for our domain, then sign in again.',
  'Checked the logs for request `{requestId}`: the call never reached the API, it was rejected at the edge.',
  'Raised the limit for {customer} until {date}. Please let us know how the migration goes.',
  'Linked the related tickets; same root cause.',
  'Called {contact}, walked through the settings together. All good now.',
];
