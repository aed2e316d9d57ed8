import { startStack, post, anthropicRequest, openaiRequest, sseData } from '/work/main/test/hardening/stack.ts';
const s = await startStack({ idleTimeoutMs: 300, extra: { html: { format: 'anthropic-messages', handler: async () => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }) } } });
const models = ['mock-error-400','mock-error-429','mock-error-529','mock-error-503','mock-reset-0','mock-stream-error-3','mock-reset-4','mock-truncate-4','mock-malformed-3','mock-stall-3'];
for (const [fmt, path, prov] of [['anthropic','/v1/messages','openai'],['openai','/v1/chat/completions','anthropic']] as const) {
  for (const m of [...models, 'HTML']) {
    const model = m === 'HTML' ? '@html/x' : `@${prov}/${m}`;
    const body = fmt === 'anthropic' ? anthropicRequest(model, {stream:true}) : openaiRequest(model, {stream:true});
    const r = await post(`${s.url}${path}`, body);
    const t = await r.text();
    const last = r.status === 200 ? JSON.stringify(sseData(t).at(-1)) : t;
    console.log(fmt, m, r.status, last.slice(0, 260));
  }
}
// non-stream stall
s.openai.injectFault({kind:'stall', afterEvents:0, ms: 2000});
let r = await post(`${s.url}/v1/messages`, anthropicRequest('@openai/x'));
console.log('nonstream stall', r.status, (await r.text()).slice(0,200));
s.openai.injectFault({kind:'truncate', afterEvents:0});
r = await post(`${s.url}/v1/messages`, anthropicRequest('@openai/x'));
console.log('nonstream truncated json', r.status, (await r.text()).slice(0,200));
await s.close();
