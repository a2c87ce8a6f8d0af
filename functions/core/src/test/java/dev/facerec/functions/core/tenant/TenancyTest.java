package dev.facerec.functions.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key → tenant, without the erasure marker (which needs the table: see the end-to-end TenantIsolationIT). */
class TenancyTest {

    private static final Tenancy PER_TENANT = new Tenancy(
            FunctionConfig.fromEnvironment(
                    Map.of("TABLE_NAME", "t", "COLLECTION_ID", "faces", "COLLECTION_MODE", "PER_TENANT")),
            null);
    private static final Tenancy SHARED = new Tenancy(FunctionConfig.defaults("t"), null);

    @Test
    void perTenant_shouldReadTheTenantAfterThePrefix_andNameItsCollection() {
        Tenant tenant = PER_TENANT.of("enroll/alice/bob/face.jpg", "enroll/");

        assertThat(tenant.id()).isEqualTo("alice");
        assertThat(tenant.collectionId()).isEqualTo("faces-alice");
        assertThat(tenant.prefix("enroll/")).isEqualTo("enroll/alice/");
        assertThat(tenant.personPk("bob")).isEqualTo("PERSON#alice/bob");
        assertThat(tenant.peoplePartition()).isEqualTo("PEOPLE#alice");
        assertThat(PER_TENANT.tenantIdOf("recognize/alice/party.jpg")).isEqualTo("alice");
    }

    @Test
    void perTenant_shouldRejectKeysWithoutAValidTenant() {
        String tooLong = "a".repeat(255 - "faces".length());
        for (String key : new String[] {
            "enroll/face.jpg", "enroll//bob/face.jpg", "enroll/bad tenant/bob/x.jpg", "enroll/" + tooLong + "/b/x.jpg"
        }) {
            assertThatThrownBy(() -> PER_TENANT.of(key, "enroll/"))
                    .as(key)
                    .isInstanceOfSatisfying(
                            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
            assertThat(PER_TENANT.tenantIdOf(key)).as(key).isNull();
        }
        assertThat(PER_TENANT.tenant("a".repeat(249)).collectionId()).hasSize(255);
    }

    @Test
    void shared_shouldHaveOneTenant_thatChangesNothing() {
        Tenant tenant = SHARED.of("enroll/bob/face.jpg", "enroll/");

        assertThat(tenant.isShared()).isTrue();
        assertThat(tenant.collectionId()).isEqualTo(FunctionConfig.DEFAULT_COLLECTION_ID);
        assertThat(tenant.prefix("enroll/")).isEqualTo("enroll/");
        assertThat(tenant.personPk("bob")).isEqualTo("PERSON#bob");
        assertThat(tenant.peoplePartition()).isEqualTo("PEOPLE");
        assertThat(SHARED.tenantIdOf("enroll/bob/face.jpg")).isNull();
    }
}
