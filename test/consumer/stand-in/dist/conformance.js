// Stand-in (consumer-test fixture): the conformance entry loads without any devDependency.
export const SCENARIO_IDS = ['openai-chat--anthropic-messages/stream-text'];
