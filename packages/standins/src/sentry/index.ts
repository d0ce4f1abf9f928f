// Public surface of the Sentry-protocol stand-in (tests only).
export { type Envelope, type EnvelopeItem, parseEnvelope } from "./parse-envelope.js";
export {
  type ReceivedEnvelope,
  type SentryEvent,
  type SentryStandin,
  type SentryStandinOptions,
  startSentryStandin,
} from "./start-sentry-standin.js";
