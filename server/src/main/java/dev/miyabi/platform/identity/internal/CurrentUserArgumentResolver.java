package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets any controller take a {@link CurrentUser} parameter, built from the verified access token. */
@Component
class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class);
    }

    @Override
    public CurrentUser resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new AuthenticationCredentialsNotFoundException("A valid access token is required");
        }
        // The authorities, not the token's claim: privileged roles were checked against the database.
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (token.getAuthorities().stream()
                    .anyMatch(granted -> role.authority().equals(granted.getAuthority()))) {
                roles.add(role);
            }
        }
        return new CurrentUser(
                UUID.fromString(token.getToken().getSubject()), token.getToken().getClaimAsString("email"), roles);
    }
}
