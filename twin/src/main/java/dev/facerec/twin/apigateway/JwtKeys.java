package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The twin's JWT signing key: the twin cannot reach a real identity provider, so its JWT authorizers accept tokens
 * signed (RS256) by this key, whatever their issuer, and check the claims as API Gateway does. The RSA key pair is
 * made once and kept in the data directory, so minted tokens stay valid across restarts. The public key is published
 * as a JSON Web Key Set ({@link #jwks()}); {@link #mint} signs a token with any claims.
 */
public final class JwtKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;
    private final String keyId;

    private JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            this.keyId = "twin-" + URL.encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair stored in {@code file}, made and stored there first if there is none. */
    public static JwtKeys load(Path file) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (Files.isRegularFile(file)) {
                Map<?, ?> stored = JSON.readValue(file.toFile(), Map.class);
                return new JwtKeys(
                        (RSAPublicKey) factory.generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode((String) stored.get("public")))),
                        (RSAPrivateKey) factory.generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode((String) stored.get("private")))));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            StateFiles.write(
                    file,
                    JSON.writeValueAsString(Map.of(
                            "public",
                                    Base64.getEncoder()
                                            .encodeToString(pair.getPublic().getEncoded()),
                            "private",
                                    Base64.getEncoder()
                                            .encodeToString(pair.getPrivate().getEncoded()))));
            return new JwtKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the JWT key " + file, e);
        }
    }

    /** The key's id, the {@code kid} of the tokens it signs. */
    public String keyId() {
        return keyId;
    }

    /** A signed token (RS256, {@code kid} this key's) with the given claims. */
    public String mint(Map<String, ?> claims) {
        try {
            String header =
                    URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
            String payload = URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** Whether {@code signature} is this key's RS256 signature of {@code signedPart}. */
    boolean verifies(byte[] signedPart, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(signedPart);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key as a JSON Web Key Set ({@code {"keys": [{"kty": "RSA", ...}]}}). */
    public ObjectNode jwks() {
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys")
                .addObject()
                .put("kty", "RSA")
                .put("use", "sig")
                .put("alg", "RS256")
                .put("kid", keyId)
                .put("n", unsigned(publicKey.getModulus()))
                .put("e", unsigned(publicKey.getPublicExponent()));
        return set;
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] trimmed = new byte[bytes.length - start];
        System.arraycopy(bytes, start, trimmed, 0, trimmed.length);
        return URL.encodeToString(trimmed);
    }
}
