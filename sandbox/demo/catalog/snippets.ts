/** Log and code excerpts for descriptions, per topic, and documentation links that descriptions and comments cite. */
import type { Snippet, Topic } from './types';

export const SNIPPETS: Record<Topic, readonly Snippet[]> = {
  billing: [
    { language: 'text', text: '{date}T{time}:12Z ERROR payments.refund invoice=INV-{invoice} amount={amount} {currency} state=pending_settlement\n{date}T{time}:13Z WARN  payments.refund retry=3 gateway_code=insufficient_funds request_id={requestId}' },
    { language: 'json', text: '{\n  "invoice": "INV-{invoice}",\n  "status": "paid",\n  "charges": [\n    { "id": "ch_{requestId}", "amount": "{amount}", "currency": "{currency}" },\n    { "id": "ch_{requestId}b", "amount": "{amount}", "currency": "{currency}" }\n  ]\n}' },
    { language: 'sql', text: "SELECT id, state, amount, currency\n  FROM invoices\n WHERE customer_domain = '{domain}'\n   AND issued_at >= DATE '{date}';" },
  ],
  login: [
    { language: 'text', text: 'GET /sso/callback?RelayState=%2Fdashboard 302 Location: /login\nsaml: assertion rejected: NotOnOrAfter condition failed (clock skew 312s) idp={idp} request_id={requestId}' },
    { language: 'text', text: '{date}T{time}:05Z INFO  auth.session created user=@{domain} ttl=3600\n{date}T{time}:05Z WARN  auth.session cookie dropped: SameSite=None requires Secure\n{date}T{time}:06Z INFO  auth.redirect /login?reason=session_missing' },
    { language: 'json', text: '{\n  "error": "invalid_grant",\n  "error_description": "The provided authorization code has expired",\n  "request_id": "{requestId}"\n}' },
  ],
  mobile: [
    { language: 'kotlin', text: 'Fatal Exception: java.lang.IllegalStateException: Fragment SyncFragment not attached to a context.\n    at androidx.fragment.app.Fragment.requireContext(Fragment.java:972)\n    at com.example.app.sync.SyncFragment.onResume(SyncFragment.kt:88)\n    at android.app.Activity.performResume(Activity.java:8786)' },
    { language: 'swift', text: 'Thread 0 Crashed:\n0  App  0x0000000102a4c  SessionStore.refresh() + 212 (SessionStore.swift:141)\n1  App  0x0000000102a9f  AppDelegate.applicationDidBecomeActive(_:) + 88\n2  UIKitCore  0x00000001a1f0  -[UIApplication _sendWillEnterForegroundCallbacks] + 196' },
    { language: 'text', text: 'App {appVersion} ({device}, iOS {iosVersion})\nsync: pulled 0 changes, pushed 14, conflicts 3\nsync: giving up after {n} retries: HTTP {httpStatus}' },
  ],
  api: [
    { language: 'shell', text: '$ curl -i https://api.example.com{endpoint} -H "Authorization: Bearer ***"\nHTTP/2 {httpStatus}\nretry-after: 30\ncontent-type: application/json\n\n{"error":"request_failed","request_id":"{requestId}"}' },
    { language: 'json', text: '{\n  "id": "evt_{requestId}",\n  "type": "invoice.paid",\n  "attempt": {n},\n  "last_response": { "status": {httpStatus}, "duration_ms": {ms} }\n}' },
    { language: 'typescript', text: "const res = await client.get('{endpoint}', { params: { cursor, limit: 100 } });\n// the second page repeats items from the first\nconsole.log(res.data.items.map((i) => i.id));" },
  ],
  account: [
    { language: 'text', text: 'user.invite to=invitee@{domain} role=member result=bounced reason="550 5.1.1 mailbox unavailable"' },
    { language: 'csv', text: 'email,role,last_login\nowner@{domain},owner,{date}\nfinance@{domain},billing_admin,never' },
  ],
  platform: [
    { language: 'yaml', text: 'service: {service}\nregion: {region}\nreplicas: 3\nresources:\n  limits: { cpu: "1", memory: 1Gi }\nalerts:\n  p95_latency_ms: {ms}' },
    { language: 'sql', text: 'EXPLAIN ANALYZE\nSELECT * FROM {table}\n WHERE tenant_id = $1\n ORDER BY created_at DESC\n LIMIT 50;\n-- Seq Scan on {table}  (actual time=0.03..{ms}.4 rows=50)' },
    { language: 'text', text: '{date}T{time}:44Z {service} p95={ms}ms error_rate={percent}% region={region}\n{date}T{time}:45Z {service} circuit breaker OPEN after 20 consecutive failures' },
  ],
};

/** Documentation a description or comment can link to. */
export const DOC_LINKS: Record<Topic, readonly [title: string, url: string][]> = {
  billing: [['Refund timelines', 'https://help.example.com/billing/refunds'], ['Invoices and taxes', 'https://help.example.com/billing/invoices']],
  login: [['SSO setup guide', 'https://help.example.com/security/sso'], ['Capture a HAR file', 'https://help.example.com/troubleshooting/har']],
  mobile: [['Mobile release notes', 'https://help.example.com/mobile/releases'], ['Collect app logs', 'https://help.example.com/mobile/logs']],
  api: [['API rate limits', 'https://developer.example.com/docs/rate-limits'], ['Pagination', 'https://developer.example.com/docs/pagination']],
  account: [['Managing users', 'https://help.example.com/admin/users'], ['Data retention', 'https://help.example.com/admin/retention']],
  platform: [['On-call runbook', 'https://wiki.example.com/eng/runbooks/on-call'], ['Service ownership', 'https://wiki.example.com/eng/ownership']],
};
