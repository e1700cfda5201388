package dev.miyabi.platform.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends a password-reset link: by SMTP when {@code spring.mail.host} is set, else — the zero-setup mode —
 * by writing it to the log, where the person running the server finds it. Sending happens off the
 * request thread, so the answer takes as long whether or not the account exists.
 */
@Component
class PasswordResetMail {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMail.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final IdentityProperties properties;
    private final String publicUrl;

    PasswordResetMail(
            ObjectProvider<JavaMailSender> mailSender,
            IdentityProperties properties,
            @Value("${server.port:8080}") int port) {
        this.mailSender = mailSender;
        this.properties = properties;
        String configured = properties.publicUrl();
        this.publicUrl = configured == null || configured.isBlank()
                ? "http://localhost:" + port
                : configured.replaceAll("/+$", "");
    }

    void send(String email, String token) {
        String link = publicUrl + "/reset-password#token=" + token;
        Thread.ofVirtual().name("password-reset-mail").start(() -> deliver(email, link));
    }

    private void deliver(String email, String link) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info(
                    "Password reset requested for {} (no SMTP server configured, so the link is logged): {}",
                    email,
                    link);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(email);
        message.setSubject("Reset your Miyabi password");
        message.setText("Someone asked to reset the password of your Miyabi account.\n\n"
                + "To choose a new password, open this link within "
                + properties.auth().passwordResetTtl().toMinutes() + " minutes:\n\n"
                + link + "\n\n"
                + "If it was not you, ignore this mail: your password stays as it is.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("The password-reset mail to {} could not be sent: {}", email, e.getMessage());
        }
    }
}
