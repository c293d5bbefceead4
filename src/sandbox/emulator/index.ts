export { type ApiContext, tsToMicros, WebApi } from './api.js';
export {
  BLOCK_KIT_LIMITS,
  type Surface,
  validateBlocks,
  validateMessageText,
  validateView,
} from './block-kit.js';
export {
  type DeliveryResult,
  elementState,
  escapeSlackText,
  type FillValue,
  fillView,
  type RawDelivery,
} from './deliver.js';
export { isKnownMethod, METHODS, type MethodName, TIER_PER_MINUTE, type Tier } from './methods.js';
export type { RateLimitOptions } from './rate-limit.js';
export {
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type EmulatorOptions,
  type Fault,
  type OpenView,
  type RecordedCall,
  type RecordedDelivery,
  type RouteHandler,
  SlackEmulator,
  startEmulator,
} from './server.js';
export { signRequest, verifySignature } from './signing.js';
export {
  APP_ID,
  type ChannelInput,
  type EmuChange,
  type EmuChannel,
  type EmuEphemeral,
  type EmuMessage,
  type EmuReaction,
  type EmuUser,
  type MessageMetadata,
  type SlackView,
  TEAM_DOMAIN,
  TEAM_ID,
  type UserInput,
} from './state.js';
