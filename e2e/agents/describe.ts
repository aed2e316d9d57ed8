/**
 * Body-free descriptions of what an agent sent: the request's shape (fields, tool count and schema sizes,
 * cache_control placement, thinking settings, replayed signatures, headers of note), never its prompt text.
 * The runner puts one in the report for every request; `--describe` prints them.
 */
import { asArray, isRecord } from './script-server/json.js';
import type { Exchange } from './script-server/types.js';

type Obj = Record<string, unknown>;

const bytes = (v: unknown) => JSON.stringify(v ?? null).length;

/** Headers other than the usual transport ones, with secrets masked. */
function notableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const skip = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'accept', 'content-type']);
  const secret = /^(x-api-key|authorization|x-goog-api-key)$/;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (skip.has(k)) continue;
    out[k] = secret.test(k) ? `<${v.length} chars>` : v.length > 160 ? `${v.slice(0, 157)}...` : v;
  }
  return out;
}

/** Where cache_control markers sit, as JSON-ish paths. */
function cacheControlPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) cacheControlPaths(v, `${path}[${i}]`, out);
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'cache_control') out.push(`${path}${isRecord(v) && v.ttl ? ` (ttl ${String(v.ttl)})` : ''}`);
      else cacheControlPaths(v, `${path}.${k}`, out);
    }
  }
  return out;
}

function toolStats(tools: Obj[], schemaKey: (t: Obj) => unknown): Obj {
  const sizes = tools.map((t) => bytes(schemaKey(t)));
  return {
    count: tools.length,
    schemaBytesTotal: sizes.reduce((a, b) => a + b, 0),
    schemaBytesMax: sizes.length ? Math.max(...sizes) : 0,
    definitionBytesTotal: bytes(tools),
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function describeAnthropic(body: Obj): Obj {
  const tools = asArray(body.tools).filter(isRecord);
  const messages = asArray(body.messages).filter(isRecord);
  const blockTypes = messages.flatMap((m) =>
    Array.isArray(m.content)
      ? m.content.filter(isRecord).map((b) => `${String(m.role)}:${String(b.type)}`)
      : [`${String(m.role)}:string`],
  );
  const extraToolFields = [...new Set(tools.flatMap((t) => Object.keys(t)))].filter(
    (k) => !['name', 'description', 'input_schema'].includes(k),
  );
  return {
    model: body.model,
    stream: body.stream,
    max_tokens: body.max_tokens,
    thinking: body.thinking,
    context_management: body.context_management,
    output_config: body.output_config,
    temperature: body.temperature,
    tool_choice: body.tool_choice,
    metadataKeys: isRecord(body.metadata) ? Object.keys(body.metadata) : undefined,
    otherFields: Object.keys(body).filter(
      (k) =>
        ![
          'model',
          'stream',
          'max_tokens',
          'thinking',
          'context_management',
          'output_config',
          'temperature',
          'tool_choice',
          'metadata',
          'tools',
          'messages',
          'system',
        ].includes(k),
    ),
    tools: { ...toolStats(tools, (t) => t.input_schema), names: tools.map((t) => t.name), extraToolFields },
    systemBlocks: Array.isArray(body.system) ? body.system.length : typeof body.system,
    messageRoles: messages.map((m) => m.role),
    blockTypes: countBy(blockTypes),
    cacheControl: cacheControlPaths({ system: body.system, messages: body.messages, tools: body.tools }, ''),
  };
}

function describeResponses(body: Obj): Obj {
  const input = asArray(body.input).filter(isRecord);
  const tools = asArray(body.tools).filter(isRecord);
  const additional = input
    .filter((i) => i.type === 'additional_tools')
    .flatMap((i) => asArray(i.tools).filter(isRecord));
  const toolKinds = (list: Obj[]): string[] =>
    list.flatMap((t) =>
      t.type === 'namespace'
        ? asArray(t.tools)
            .filter(isRecord)
            .map((m) => `${String(t.name)}.${String(m.name)} (${String(m.type)})`)
        : [`${String(t.name ?? t.type)} (${String(t.type)})`],
    );
  return {
    model: body.model,
    stream: body.stream,
    store: body.store,
    reasoning: body.reasoning,
    include: body.include,
    text: body.text,
    tool_choice: body.tool_choice,
    parallel_tool_calls: body.parallel_tool_calls,
    instructionsBytes: typeof body.instructions === 'string' ? body.instructions.length : undefined,
    otherFields: Object.keys(body).filter(
      (k) =>
        ![
          'model',
          'stream',
          'store',
          'reasoning',
          'include',
          'text',
          'tool_choice',
          'parallel_tool_calls',
          'instructions',
          'tools',
          'input',
        ].includes(k),
    ),
    tools: { ...toolStats(tools, (t) => t.parameters ?? t.tools), kinds: toolKinds(tools) },
    additionalTools: additional.length
      ? { ...toolStats(additional, (t) => t.tools ?? t.parameters), kinds: toolKinds(additional) }
      : undefined,
    inputItems: input.map((i) => (i.type === 'message' ? `message:${String(i.role)}` : String(i.type))),
    inputItemsWithId: input.filter((i) => typeof i.id === 'string').length,
  };
}

function describeGemini(body: Obj, url: string): Obj {
  const contents = asArray(body.contents).filter(isRecord);
  const decls = asArray(body.tools)
    .filter(isRecord)
    .flatMap((t) => asArray(t.functionDeclarations))
    .filter(isRecord);
  const partKinds = contents.flatMap((c) =>
    asArray(c.parts)
      .filter(isRecord)
      .map((p) => `${String(c.role)}:${Object.keys(p).sort().join('+')}`),
  );
  return {
    method: /:(\w+)/.exec(url)?.[1],
    model: /\/models\/([^/:]+):/.exec(url)?.[1],
    generationConfig: body.generationConfig,
    toolConfig: body.toolConfig,
    otherFields: Object.keys(body).filter(
      (k) => !['contents', 'tools', 'systemInstruction', 'generationConfig', 'toolConfig'].includes(k),
    ),
    tools: {
      ...toolStats(decls, (d) => d.parametersJsonSchema ?? d.parameters),
      names: decls.map((d) => d.name),
      schemaKeys: [
        ...new Set(
          decls.map((d) => (d.parametersJsonSchema ? 'parametersJsonSchema' : d.parameters ? 'parameters' : 'none')),
        ),
      ],
      otherToolKinds: asArray(body.tools)
        .filter(isRecord)
        .flatMap((t) => Object.keys(t))
        .filter((k) => k !== 'functionDeclarations'),
    },
    systemInstructionBytes: body.systemInstruction ? bytes(body.systemInstruction) : undefined,
    contentRoles: contents.map((c) => c.role),
    partKinds: countBy(partKinds),
  };
}

export function describeExchange(e: Exchange): Obj {
  const body = isRecord(e.body) ? e.body : {};
  const path = e.url.split('?')[0];
  let shape: Obj = {};
  if (path.endsWith('/messages') || path.endsWith('/count_tokens')) shape = describeAnthropic(body);
  else if (path.endsWith('/responses')) shape = describeResponses(body);
  else if (path.includes('/models/') && path.includes(':')) shape = describeGemini(body, e.url);
  return {
    seq: e.seq,
    request: `${e.method} ${e.url}`,
    kind: e.kind,
    status: e.reply.status,
    requestBytes: typeof e.body === 'string' ? e.body.length : bytes(e.body),
    headers: notableHeaders(e.headers),
    ...shape,
  };
}
