import { createAnthropicMock } from '/work/main/conformance/mocks/anthropic/create-anthropic-mock.ts';
import { createOpenAIMock } from '/work/main/conformance/mocks/openai/create-openai-mock.ts';
const m = createAnthropicMock({chunkSize:1});
const r = await m(new Request('http://x/v1/messages',{method:'POST',headers:{'content-type':'application/json','x-api-key':'k','anthropic-version':'2023-06-01'},body:JSON.stringify({model:'claude-x',max_tokens:64000,stream:true,messages:[{role:'user',content:'lighthouse '.repeat(3000)}]})}));
const t = await r.text(); console.log(r.status, t.length, t.slice(0,600));
const o = createOpenAIMock({chunkSize:1});
const r2 = await o(new Request('http://x/v1/chat/completions',{method:'POST',headers:{'content-type':'application/json','authorization':'Bearer k'},body:JSON.stringify({model:'gpt',stream:true,messages:[{role:'user',content:'lighthouse '.repeat(3000)}]})}));
const t2 = await r2.text(); console.log(r2.status, t2.length);
