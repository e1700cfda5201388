package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Auth", description = "Registration, sign-in, token refresh, sign-out and one's own account")
class AuthController {

    private final AuthService auth;
    private final AccountService accounts;

    AuthController(AuthService auth, AccountService accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    record RegisterRequest(
            @NotBlank
            @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
            @Size(max = 255)
            String email,

            @NotNull @Size(min = 8, max = 128) String password,
            @NotBlank @Size(max = 255) String name) {}

    record LoginRequest(
            @NotBlank @Size(max = 255) String email,
            @NotBlank @Size(max = 1024) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}

    record ResetRequest(@NotBlank @Size(max = 255) String email) {}

    record ResetConfirmation(
            @NotBlank @Size(max = 512) String token,
            @NotNull @Size(min = 8, max = 128) String password) {}

    record PasswordChange(
            @NotBlank @Size(max = 1024) String currentPassword,
            @NotNull @Size(min = 8, max = 128) String newPassword) {}

    record ProfileChange(@NotBlank @Size(max = 255) String name) {}

    record SessionResponse(UserView user, String accessToken, String refreshToken, long expiresIn, String tokenType) {

        static SessionResponse of(AuthService.Session session) {
            return new SessionResponse(
                    UserView.of(session.user()),
                    session.accessToken(),
                    session.refreshToken(),
                    session.expiresIn(),
                    "Bearer");
        }
    }

    @PostMapping("/register")
    @Operation(summary = "Create a customer account and sign it in; throttled per client address")
    ResponseEntity<SessionResponse> register(@Valid @RequestBody RegisterRequest body, HttpServletRequest request) {
        AuthService.Session session = auth.register(body.email(), body.password(), body.name(), client(request));
        return ResponseEntity.created(URI.create("/api/auth/me"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(SessionResponse.of(session));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in; throttled per account and client address (progressive delay) and per address")
    ResponseEntity<SessionResponse> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        AuthService.Session session = auth.login(body.email(), body.password(), client(request));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(SessionResponse.of(session));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Rotate the refresh token; a spent token revokes its whole session family")
    ResponseEntity<SessionResponse> refresh(@Valid @RequestBody RefreshRequest body, HttpServletRequest request) {
        AuthService.Session session = auth.refresh(body.refreshToken(), client(request));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(SessionResponse.of(session));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the session family of the refresh token")
    void logout(@Valid @RequestBody RefreshRequest body) {
        auth.logout(body.refreshToken());
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user")
    UserView me(CurrentUser user) {
        return auth.find(user.id())
                .map(UserView::of)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "The account no longer exists"));
    }

    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Mail a single-use password-reset link, if the email has an account",
            description = "Answers 202 whether or not the account exists. Throttled per client address (429).")
    void requestPasswordReset(@Valid @RequestBody ResetRequest body, HttpServletRequest request) {
        accounts.requestReset(body.email(), client(request));
    }

    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Set a new password with a reset link's token",
            description = "Spends the token, ends every session of the account and lifts its sign-in throttle."
                    + " An invalid, expired or used token is 400 with an error on `token`.")
    void confirmPasswordReset(@Valid @RequestBody ResetConfirmation body) {
        accounts.reset(body.token(), body.password());
    }

    @PatchMapping("/me")
    @Operation(summary = "Change the signed-in user's name")
    UserView updateMe(CurrentUser user, @Valid @RequestBody ProfileChange body) {
        return UserView.of(accounts.rename(user.id(), body.name()));
    }

    @PostMapping("/me/password")
    @Operation(
            summary = "Change the signed-in user's password",
            description = "Needs the current password (a wrong one is 400 and counts as a failed sign-in)."
                    + " Ends every session of the user and answers with a new one.")
    ResponseEntity<SessionResponse> changePassword(
            CurrentUser user, @Valid @RequestBody PasswordChange body, HttpServletRequest request) {
        AuthService.Session session =
                accounts.changePassword(user.id(), body.currentPassword(), body.newPassword(), client(request));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(SessionResponse.of(session));
    }

    private static AuthService.Client client(HttpServletRequest request) {
        return new AuthService.Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
