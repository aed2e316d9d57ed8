import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateResponse } from '../../src/translate/translate.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { expectedStop } from './expected-stop.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

// The stop reason follows the cross-walk table, in the stream and in the response alike.
describe('stop reasons follow the cross-walk', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(
      d.name,
      (s) => {
        const events = d.render(s);
        const expected = expectedStop(d.upstream, d.client, s);
        const keys = Object.keys(expected);
        const response = d.project(
          translateResponse(d.upstream, d.client, d.foldUpstream(events).message, d.options).body,
        );
        const streamed = d.project(d.foldClient(translateEvents(d.upstream, d.client, events, d.options)).message);
        expect({ response: pick(response, keys), stream: pick(streamed, keys) }).toEqual({
          response: expected,
          stream: expected,
        });
      },
      timeout(),
    );
  }
});
