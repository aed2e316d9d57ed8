import { translateStream } from '/work/main/src/stream/translate-stream.ts';
const pairs = [['anthropic-messages','vertex-anthropic'],['bedrock-invoke','anthropic-messages'],['vertex-anthropic','anthropic-messages'],['anthropic-messages','openai-chat'],['openai-chat','anthropic-messages'], ['vertex-anthropic','openai-chat']] as const;
for (const [a,b] of pairs) {
  const empty = new ReadableStream({start(c){c.close();}});
  const out = await new Response(translateStream(a,b,empty,{id:'x',created:1})).text();
  console.log(a,b,JSON.stringify(out));
  const half = new ReadableStream({start(c){c.enqueue(new TextEncoder().encode('event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'));c.close();}});
  if (a !== 'bedrock-invoke' && a!=='openai-chat') console.log('  half:', JSON.stringify(await new Response(translateStream(a,b,half,{id:'x',created:1})).text()));
}
