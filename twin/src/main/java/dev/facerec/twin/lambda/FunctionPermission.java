package dev.facerec.twin.lambda;

/**
 * One statement of a function's resource-based policy ({@code AWS::Lambda::Permission}): who may call the function
 * (or one of its versions or aliases) and from which source.
 *
 * @param function the function, version or alias the statement is on
 * @param action e.g. {@code lambda:InvokeFunction}
 * @param principal a service ({@code apigateway.amazonaws.com}), an account or {@code *}
 * @param sourceArn the calling resource's ARN, with {@code *} and {@code ?} wildcards; {@code null} for any
 * @param sourceAccount the calling resource's account; {@code null} for any
 */
public record FunctionPermission(
        FunctionReference function, String action, String principal, String sourceArn, String sourceAccount) {

    /** Whether this statement lets {@code principal} invoke {@code target} from {@code callerArn}. */
    public boolean allowsInvoke(FunctionReference target, String callerPrincipal, String callerArn, String account) {
        return function.equals(target)
                && ("lambda:InvokeFunction".equals(action) || "lambda:*".equals(action) || "*".equals(action))
                && ("*".equals(principal) || callerPrincipal.equals(principal))
                && (sourceArn == null || matches(sourceArn, callerArn))
                && (sourceAccount == null || sourceAccount.equals(account));
    }

    /** IAM's ARN matching: {@code *} stands for any run of characters, {@code ?} for one. */
    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }
}
