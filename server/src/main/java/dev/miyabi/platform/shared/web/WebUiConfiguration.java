package dev.miyabi.platform.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;

/**
 * Serves the web UI, whose build the {@code miyabi-web} jar puts under {@code META-INF/resources}:
 * hashed assets are cached for a year and served Brotli-compressed from the build when the browser
 * accepts it, and a browser navigation to a client-side route (a reload on
 * {@code /orders/123}) gets the index page so the single-page app can take over. Unknown API routes
 * and missing files keep their problem+json 404.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfiguration implements WebMvcConfigurer {

    static final String INDEX = "/index.html";

    /** Paths the server owns: never answered with the index page. */
    private static final List<String> SERVER_PATHS =
            List.of("/api", "/actuator", "/v3", "/swagger-ui", "/ws", "/.well-known", "/error", "/assets");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite names every asset by its content hash, so a changed file always has a new name. The build
        // writes a Brotli copy beside each text asset of 1 KB or more: a browser that accepts br gets it as
        // it is (Content-Encoding, Vary: Accept-Encoding); others get the file, gzipped per response by
        // server.compression. Only br is looked up: the resolver takes codings in the browser's order, and
        // browsers name gzip first.
        EncodedResourceResolver brotli = new EncodedResourceResolver();
        brotli.setContentCodings(List.of("br"));
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(brotli);
    }

    @Bean
    OncePerRequestFilter webUiFallbackFilter() {
        return new ClientRouteFilter();
    }

    /** Forwards browser navigations to client-side routes to the index page. */
    static final class ClientRouteFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                return true;
            }
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return !isClientRoute(path) || !asksForHtml(request.getHeader(HttpHeaders.ACCEPT));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.getRequestDispatcher(INDEX).forward(request, response);
        }

        /** A path the UI's router owns: not the root (the welcome page), no server path, no file name. */
        static boolean isClientRoute(String path) {
            if (path.isEmpty() || "/".equals(path)) {
                return false;
            }
            for (String owned : SERVER_PATHS) {
                if (path.startsWith(owned) && (path.length() == owned.length() || path.charAt(owned.length()) == '/')) {
                    return false;
                }
            }
            String lastSegment = path.substring(path.lastIndexOf('/') + 1);
            return !lastSegment.contains(".");
        }

        /** A navigation names text/html explicitly; fetches and scripts ask for JSON or any type. */
        static boolean asksForHtml(@Nullable String accept) {
            if (accept == null || accept.isBlank()) {
                return false;
            }
            try {
                return MediaType.parseMediaTypes(accept).stream()
                        .anyMatch(type -> !type.isWildcardType()
                                && !type.isWildcardSubtype()
                                && MediaType.TEXT_HTML.isCompatibleWith(type)
                                && type.getQualityValue() > 0);
            } catch (InvalidMediaTypeException malformed) {
                return false;
            }
        }
    }
}
