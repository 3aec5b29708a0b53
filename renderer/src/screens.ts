// Every screen of the app, in tab order. A new screen is a folder with its component and one entry
// here: App builds the tabs, the panels and the keyboard shortcuts from this table.
import type { ComponentType } from 'react';
import { CommissioningScreen } from './commissioning/CommissioningScreen';
import { InspectorScreen } from './inspector/InspectorScreen';
import { LiveScreen } from './live/LiveScreen';
import { MessagesScreen } from './messages/MessagesScreen';
import { ProfilesScreen, SettingsErrorsBadge } from './settings/ProfilesScreen';
import { SurveyScreen } from './survey/SurveyScreen';

export interface ScreenEntry {
  /** In the DOM ids `tab-<id>` and `panel-<id>`. */
  id: string;
  /** The tab's words, and the panel's accessible name. */
  title: string;
  /** A plain key that shows the screen when no text field has the focus. */
  shortcut: string;
  /** Takes no props: it reads the gateway store and sends requests through it. */
  component: ComponentType;
  /** Shown in the tab next to the title (a count that needs attention). */
  badge?: ComponentType;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'live', title: 'Live gateway', shortcut: '1', component: LiveScreen },
  { id: 'messages', title: 'Messages', shortcut: '2', component: MessagesScreen },
  { id: 'inspector', title: 'Telegram inspector', shortcut: '3', component: InspectorScreen },
  { id: 'commissioning', title: 'Commissioning', shortcut: '4', component: CommissioningScreen },
  { id: 'profiles', title: 'Profiles', shortcut: '5', component: ProfilesScreen, badge: SettingsErrorsBadge },
  { id: 'survey', title: 'Meters in range', shortcut: '6', component: SurveyScreen },
];
