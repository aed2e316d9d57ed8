import { startStack, post, anthropicRequest } from '/work/main/test/hardening/stack.ts';
const s = await startStack();
for (const n of [3,4,5,6]) {
  const r = await post(`${s.url}/v1/messages`, { model: `@openai/mock-truncate-${n}`, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] });
  console.log(n, await r.text());
}
const up = await fetch(`${s.upstreamUrls.openai}/v1/chat/completions`, {method:'POST', headers:{'content-type':'application/json', authorization:'Bearer sk-proj-UPSTREAM-SECRET-b41d2e'}, body: JSON.stringify({model:'x', stream:true, messages:[{role:'user',content:'hi'}]})});
console.log(await up.text());
await s.close();
