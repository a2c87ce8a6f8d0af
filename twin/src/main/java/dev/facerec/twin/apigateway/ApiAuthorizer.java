package dev.facerec.twin.apigateway;

import java.util.List;

/**
 * A JWT authorizer of an HTTP API ({@code AWS::ApiGatewayV2::Authorizer}, type {@code JWT}).
 *
 * @param id the authorizer id
 * @param name its name
 * @param issuer the {@code iss} a token must carry
 * @param audience the values one of which a token's {@code aud} (or, without {@code aud}, {@code client_id}) must be
 * @param identitySource where the token is, e.g. {@code $request.header.Authorization}
 */
public record ApiAuthorizer(String id, String name, String issuer, List<String> audience, String identitySource) {

    public ApiAuthorizer {
        audience = List.copyOf(audience == null ? List.of() : audience);
    }
}
