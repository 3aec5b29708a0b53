export { HexInputError, parseHexInput } from './hex-input';
export { explainFound, inspectTelegrams } from './telegram-inspector';
export { splitTelegramInput, type FoundFrame, type InputItem } from './telegram-input';
