import { inviteScenarios } from '../e2e/scenarios.js';
import { startHttpHarness } from './harness.js';

/** Every end-to-end scenario of `/invite`, through the HTTP endpoint this time. */
inviteScenarios('HTTP (Interactions Endpoint URL)', startHttpHarness);
