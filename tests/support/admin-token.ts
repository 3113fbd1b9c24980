/** The admin token of the widget suite's `open` server: browser tests close threads and feature comments with it. */
export const WIDGET_ADMIN_TOKEN = 'widget-admin-token-0123456789';
