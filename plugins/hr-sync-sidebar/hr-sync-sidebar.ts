import type { NodeAPI } from 'node-red';
import { registerSyncRoutes } from './routes';

/**
 * The "HR sync" editor sidebar. The runtime half registers the plugin and the admin endpoints the
 * sidebar reads; the editor half (hr-sync-sidebar.html) adds the tab.
 */
export = (RED: NodeAPI) => {
  RED.plugins.registerPlugin('hr-sync-sidebar', { type: 'hr-sync-sidebar' });
  registerSyncRoutes(RED);
};
