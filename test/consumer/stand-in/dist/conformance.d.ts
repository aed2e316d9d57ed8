export declare const SCENARIO_IDS: readonly string[];
