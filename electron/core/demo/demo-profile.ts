import { DEMO_PROFILE_NAME, defaultSubscribeTopic, loopbackProfile, type Profile } from '../settings';

const DEMO_GATEWAY_ID = '706462169';

/**
 * The built-in demo profile: an in-process broker on loopback. Port 0 means "whatever port the
 * in-process broker gets when it starts"; the caller fills it in then.
 */
export function demoProfile(): Profile {
  return {
    ...loopbackProfile(DEMO_PROFILE_NAME, 0),
    demo: true,
    gatewayId: DEMO_GATEWAY_ID,
    subscribeTopic: defaultSubscribeTopic(DEMO_GATEWAY_ID),
  };
}
