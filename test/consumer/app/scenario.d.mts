// Types of scenario.mjs, for the harness that imports its inputs (test/consumer/consumer.e2e.ts).
export interface ScenarioInputs {
  chatRequest: unknown;
  messagesResponse: unknown;
  messagesStream: string;
}
export declare const chatRequest: unknown;
export declare const messagesResponse: unknown;
export declare const messagesStream: string;
export declare function runScenario(crosswire: unknown, inputs?: ScenarioInputs): Promise<Record<string, unknown>>;
