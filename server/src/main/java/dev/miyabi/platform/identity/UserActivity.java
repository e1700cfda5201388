package dev.miyabi.platform.identity;

/**
 * Who uses the platform, from the accounts and their sign-in sessions (refresh-token families).
 *
 * @param registeredUsers all accounts
 * @param activeSessions sessions neither revoked (logout, reuse) nor expired
 * @param activeUsers distinct users with an active session
 * @param recentlyActiveUsers distinct users who signed in or refreshed a token within the last hour (an
 *     access token lives 15 minutes, so a client in use refreshes at least that often)
 */
public record UserActivity(long registeredUsers, long activeSessions, long activeUsers, long recentlyActiveUsers) {}
