export { startDemoBroker, type DemoBroker } from './demo-broker';
export {
  DEMO_FADING_NEIGHBOUR,
  DEMO_FAR_NEIGHBOUR,
  DEMO_METER,
  DEMO_NEIGHBOUR,
  DEMO_WATER_METER,
  demoMeterKey,
  demoMonitoredMeters,
  demoSimulatedMeters,
  type DemoMonitoredMeter,
} from './demo-meters';
export { demoProfile } from './demo-profile';
