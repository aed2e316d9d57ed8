import type { ChatRequest, MessagesRequest, TranslationResult } from './index.js';

export declare function openaiRequestToAnthropic(body: ChatRequest): TranslationResult<MessagesRequest>;
